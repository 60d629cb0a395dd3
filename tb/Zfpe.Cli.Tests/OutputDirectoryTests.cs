using Zfpe.Cli.Commands;
using Zfpe.Flow;

namespace Zfpe.Cli.Tests;

/// <summary>Default output folders are named by the design point, so runs with different settings never share one.</summary>
public sealed class OutputDirectoryTests
{
    [Theory]
    [InlineData("compressor", new string[0], "compressor-85k")]
    [InlineData("compressor", new[] { "lanes=4", "b=9" }, "compressor-b9-lanes4-85k")]
    [InlineData("compressor", new[] { "b=5" }, "compressor-85k")]
    [InlineData("fifo", new[] { "bram=1", "depth=512" }, "fifo-depth512-bram1-85k")]
    public void Synthesis_folders_carry_every_non_default_parameter_in_declaration_order(string design, string[] sets, string folder) =>
        Assert.Equal(Path.Combine("out", "synth", folder), SynthFlowSupport.DefaultDirectory("synth", design, sets, EcpDevice.Lfe5u85));

    [Fact]
    public void Different_settings_never_share_a_folder()
    {
        var a = SynthFlowSupport.DefaultDirectory("build", "compressor", ["lanes=2"], EcpDevice.Lfe5u85);
        var b = SynthFlowSupport.DefaultDirectory("build", "compressor", ["lanes=4"], EcpDevice.Lfe5u85);
        var c = SynthFlowSupport.DefaultDirectory("build", "compressor", ["lanes=4"], EcpDevice.Lfe5u85, "-seed2");
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
    }
}
