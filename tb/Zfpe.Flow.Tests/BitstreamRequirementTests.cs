using Zfpe.Flow.Tests.Sweep;

namespace Zfpe.Flow.Tests;

/// <summary>
/// A build that produces no bitstream fails and leaves none from an earlier run behind, while the
/// board job stops cleanly after synthesis unless a bitstream is required.
/// </summary>
public sealed class BitstreamRequirementTests : TempDirectoryTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_run_that_stops_before_packing_removes_the_bitstream_of_an_earlier_run()
    {
        var build = Dir.Sub("build");
        Directory.CreateDirectory(build);
        foreach (var stale in new[] { "test-blinky.bit", "blinky.config", "nextpnr-report.json" })
            File.WriteAllText(Path.Combine(build, stale), "from an earlier run");
        var options = new FlowOptions(EcpDevice.Parse("85k"), 25, 1, build) { CacheDirectory = Dir.Sub("cache") };
        var runner = new FlowRunner(ToolLocator.WithOverrides(new Dictionary<string, string?> { ["ZFPE_YOSYS"] = "/nonexistent/yosys" }), BoardConstraints.Ulx3s());
        Assert.Throws<MissingToolException>(() => runner.Run(TestDesigns.Request(TestDesigns.Blinky()), options, FlowTarget.Bitstream));
        Assert.False(File.Exists(Path.Combine(build, "test-blinky.bit")));
        Assert.False(File.Exists(Path.Combine(build, "blinky.config")));
        Assert.False(File.Exists(Path.Combine(build, "nextpnr-report.json")));
    }

    [Fact]
    public void Zfpe_build_without_place_and_route_fails_saying_no_bitstream_was_produced()
    {
        var result = ZfpeCli.RunIn(Dir.Path, new Dictionary<string, string> { ["ZFPE_YOSYS"] = "/nonexistent/yosys", ["ZFPE_FLOW_CACHE"] = Dir.Sub("cache") }, Timeout,
            "build", "--design", "ulx3s-codec", "--out", Dir.Sub("out"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No bitstream was produced (and none from an earlier run is left in its place).", result.Stderr);
        Assert.Empty(Directory.GetFiles(Dir.Sub("out"), "*.bit"));
    }

    /// <summary>Runs scripts/board.sh with stand-ins for zfpe (whose build exits <paramref name="buildExit"/>) and dotnet.</summary>
    private ProcessResult Board(int buildExit, Dictionary<string, string> environment, params string[] arguments)
    {
        string bin = Dir.Sub("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "zfpe"), $"#!/bin/sh\necho \"zfpe $*\"\n[ \"$1\" = build ] && exit {buildExit}\nexit 0\n");
        File.WriteAllText(Path.Combine(bin, "dotnet"), "#!/bin/sh\necho \"dotnet $*\"\n");
        Assert.Equal(0, ProcessRunner.Shell($"chmod +x '{bin}/zfpe' '{bin}/dotnet'", new Dictionary<string, string>(), Timeout).ExitCode);
        environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        environment["ZFPE"] = Path.Combine(bin, "zfpe");
        environment["OUT"] = Dir.Sub("board");
        return ProcessRunner.Shell($"bash '{Repository.File("scripts", "board.sh")}' {string.Join(' ', arguments)}", environment, Timeout);
    }

    [Fact]
    public void The_board_job_stops_cleanly_after_synthesis_without_place_and_route_tools()
    {
        var result = Board(3, []);
        Assert.True(result.ExitCode == 0, result.ToString());
        // The accelerator is the default: its co-simulation runs a trained MLP through zfpe run --sim.
        TextAssert.ContainsAll(result.Stdout,
            "zfpe gen ulx3s-accel",
            "zfpe train-mlp",
            "zfpe run --sim --backdoor",
            "zfpe synth ulx3s-accel",
            "board: stopped before the bitstream because a tool is missing");
    }

    [Theory]
    [InlineData("--require-bitstream", "")]
    [InlineData("", "1")]
    public void The_board_job_fails_without_a_bitstream_when_one_is_required(string flag, string variable)
    {
        var environment = variable.Length > 0 ? new Dictionary<string, string> { ["REQUIRE_BITSTREAM"] = variable } : [];
        var result = Board(3, environment, flag);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("board: FAILED: no bitstream was produced because a tool is missing (named above), and a bitstream was required", result.Stderr);

        var built = Board(0, environment, flag);
        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Contains("board: done", built.Stdout);
    }

    [Fact]
    public void The_board_job_refuses_an_unknown_argument()
    {
        var result = Board(0, [], "--bitstream");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("board.sh: unknown argument '--bitstream' (allowed: --require-bitstream)", result.Stderr);
    }
}
