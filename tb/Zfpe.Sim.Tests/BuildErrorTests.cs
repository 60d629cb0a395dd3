using Zfpe.Hdl.Emit;

namespace Zfpe.Sim.Tests;

public sealed class BuildErrorTests
{
    /// <summary>Building the counter fixture with <paramref name="options"/> fails; the exception.</summary>
    private static SimBuildException CounterBuildFails(SimOptions options) =>
        Assert.Throws<SimBuildException>(() => ModelCache.Default.GetOrBuild(Designs.Counter(), options));

    private const string SyntaxError = """
        module broken (
            input  wire       clk,
            input  wire [3:0] a,
            output wire [3:0] y
        );
            assign y = a +;
        endmodule
        """;

    private const string LintError = """
        module narrowing (
            input  wire       clk,
            input  wire [7:0] a,
            output wire [3:0] y
        );
            assign y = a;
        endmodule
        """;

    private static PortInfo[] Ports(int outputWidth) =>
        [Designs.Clock(), Designs.In("a", outputWidth == 4 ? 4 : 8), Designs.Out("y", 4)];

    [Fact]
    public void A_syntax_error_shows_Verilators_lines_and_the_emitted_file_and_line()
    {
        var design = Designs.FromText("broken", SyntaxError, Ports(4));
        var e = Assert.Throws<SimBuildException>(() => ModelCache.Default.GetOrBuild(design, NoWaves));
        TextAssert.ContainsAll(e.Message,
            "Verilator rejected the design 'broken'",
            "%Error: src/broken.v:6",
            "syntax error",
            "first problem: broken.v:6: assign y = a +;");
        Assert.Equal(("broken.v", 6), (e.SourceFile, e.SourceLine));
        Assert.NotNull(e.BuildDirectory);
        Assert.True(File.Exists(Path.Combine(e.BuildDirectory, "src", "broken.v")), "the failed build is kept for inspection");
        Assert.Contains(e.BuildDirectory, e.Message);
        Assert.False(ModelCache.Default.Contains(design, NoWaves));
    }

    [Fact]
    public void A_lint_warning_fails_the_build_because_emitted_designs_must_be_lint_clean()
    {
        var design = Designs.FromText("narrowing", LintError, Ports(8));
        var e = Assert.Throws<SimBuildException>(() => ModelCache.Default.GetOrBuild(design, NoWaves));
        TextAssert.ContainsAll(e.Message,
            "%Warning-WIDTH: src/narrowing.v:6",
            "first problem: narrowing.v:6: assign y = a;");
    }

    [Fact]
    public void A_compiler_failure_shows_the_compilers_error_lines()
    {
        var e = CounterBuildFails(NoWaves with { ExtraCompilerFlags = ["-DZFPE_SIM_TEST_ERROR=\"", "-include", "/nonexistent/zfpe_missing.h"] });
        TextAssert.ContainsAll(e.Message,
            "the C++ compiler failed",
            "zfpe_missing.h",
            "No such file or directory");
        Assert.NotNull(e.ToolOutput);
        Assert.True(Directory.Exists(e.BuildDirectory), $"the failed build is kept: {e.BuildDirectory}");
        Assert.Contains(e.BuildDirectory!, e.Message);
    }

    [Fact]
    public void Missing_Verilator_says_what_to_install()
    {
        var e = CounterBuildFails(NoWaves with { VerilatorPath = "/nonexistent/bin/verilator" });
        TextAssert.ContainsAll(e.Message,
            "Verilator was not found",
            "apt-get install verilator");
    }

    [Fact]
    public void A_missing_compiler_says_what_to_install()
    {
        var e = CounterBuildFails(NoWaves with { CompilerPath = "/nonexistent/bin/g++" });
        TextAssert.ContainsAll(e.Message,
            "C++ compiler was not found",
            "apt-get install g++");
    }

    [Fact]
    public void A_port_list_that_disagrees_with_the_Verilog_is_refused()
    {
        var counter = Designs.Counter();
        var wrong = counter with
        {
            TopPorts = [.. counter.TopPorts.Where(p => p.Name != "done").Select(p => p.Name == "sum" ? p with { Width = 10 } : p)],
        };
        var e = Assert.Throws<SimBuildException>(() => ModelCache.Default.GetOrBuild(wrong, NoWaves));
        TextAssert.ContainsAll(e.Message,
            "port 'sum' is 10 bits in the emitter's port list but 9 bits in the Verilog",
            "has a port 'done' that the emitter's port list lacks");
    }

    [Theory]
    [InlineData("--Mdir=x")]
    [InlineData("-Wno-fatal")]
    [InlineData("--trace")]
    public void Flags_the_bridge_sets_itself_are_refused(string flag)
    {
        var options = NoWaves with { ExtraVerilatorFlags = [flag] };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains($"contains '{flag}', which the bridge sets itself", e.Message);
    }

    [Fact]
    public void Option_errors_name_the_parameter_the_value_and_the_range()
    {
        var jobs = Assert.Throws<ArgumentOutOfRangeException>(new SimOptions { BuildJobs = 0 }.Validate);
        Assert.Equal("BuildJobs", jobs.ParamName);
        Assert.Contains("BuildJobs is 0; it must be between 1 and 64", jobs.Message);
        var name = Assert.Throws<ArgumentException>(new SimOptions { Name = "a/b" }.Validate);
        Assert.Contains("Name is 'a/b'", name.Message);
    }
}
