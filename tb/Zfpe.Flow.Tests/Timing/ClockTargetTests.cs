using System.Globalization;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Designs;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>
/// Issue 11 ("Meet the clocks") kept in CI by a small subset, one seed each: the compressor and
/// decompressor cores out of context at 150 MHz (the smallest and the widest configuration, and the
/// compressor's last one to meet it), the processing element at 150 MHz, and the board design at its 100 MHz clock. The full picture is the sweep in README.md
/// (<c>zfpe sweep compressor --set lanes=1,2,4 --set b=5,9 --seeds 3 --freq 150</c>), over seeds.
/// Tool results are reused through the flow's content-addressed stage cache
/// (<c>$ZFPE_FLOW_CACHE</c>, else <c>out/.flow-cache</c> as <c>zfpe build</c> and <c>zfpe sweep</c> use it),
/// so a second run with unchanged Verilog and tools re-runs nothing.
/// </summary>
public class ClockTargetTests
{
    private static string Cache =>
        Environment.GetEnvironmentVariable("ZFPE_FLOW_CACHE") is { Length: > 0 } dir ? dir : Repository.File("out", ".flow-cache");

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5)]
    public void The_compressor_at_one_lane_and_b_5_meets_150_MHz_out_of_context() => CoreMeets("compressor", ["lanes=1", "b=5"], 150);

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5)]
    public void The_compressor_at_two_lanes_and_b_9_meets_150_MHz_out_of_context() => CoreMeets("compressor", ["lanes=2", "b=9"], 150);

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5)]
    public void The_processing_element_meets_150_MHz_out_of_context() => CoreMeets("pe", [], 150);

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5)]
    public void The_decompressor_at_four_lanes_and_b_9_meets_150_MHz_out_of_context() => CoreMeets("decompressor", ["lanes=4", "b=9"], 150);

    [ToolFact(ToolKind.Yosys, ToolKind.NextpnrEcp5, ToolKind.Ecppack)]
    public void The_ulx3s_codec_board_design_meets_100_MHz()
    {
        using var t = new TempDirectory();
        var info = DesignCatalog.Get("ulx3s-codec");
        var given = DesignCatalog.ParseSettings([]);
        var resolved = info.Resolve(given).All.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(CultureInfo.InvariantCulture));
        var request = new FlowRequest(info.Name, resolved, info.Emit(given));
        var options = new FlowOptions(EcpDevice.Lfe5u85, 100, 1, t.Sub("build")) { CacheDirectory = Cache };
        var tools = new ToolLocator();
        var result = new FlowRunner(tools, BoardConstraints.Ulx3s()).Run(request, options, FlowTarget.Bitstream);
        var version = tools.Locate(ToolKind.NextpnrEcp5).Version;
        var clocks = result.Report.PlaceAndRoute!.Clocks;
        Assert.NotEmpty(clocks);
        foreach (var clock in clocks)
            Assert.True(clock.AchievedMhz >= clock.ConstraintMhz,
                $"{version}, ulx3s-codec seed 1: clock {clock.Clock} reaches {clock.AchievedMhz:0.00} MHz, below its {clock.ConstraintMhz:0.00} MHz constraint\n" +
                string.Join("\n", File.Exists(result.ReportTextPath) ? File.ReadLines(result.ReportTextPath).Take(60) : []));
        Assert.Equal(FlowVerdict.Pass, result.Report.Verdict);
    }

    private static void CoreMeets(string design, string[] settings, double mhz)
    {
        using var t = new TempDirectory();
        var tools = new ToolLocator();
        var options = new SweepOptions(EcpDevice.Lfe5u85, mhz, SweepSteps.Synth | SweepSteps.PlaceAndRoute, 1, 1, t.Sub("sweep")) { CacheDirectory = Cache };
        var result = new SweepRunner(tools).Run(SweepCatalogDesign.Create(design, digits: false), SweepSpace.Parse(settings), options);
        var point = Assert.Single(result.Points);
        Assert.Null(point.Error);
        var seed = Assert.Single(point.Seeds);
        var version = tools.Locate(ToolKind.NextpnrEcp5).Version;
        Assert.True(seed.FmaxMhz is { } f && f >= mhz,
            $"{version}, {design} {string.Join(" ", settings)} seed 1: Fmax {seed.FmaxMhz:0.00} MHz, target {mhz} MHz\n" +
            string.Join("\n", seed.WorstPaths ?? []));
    }
}
