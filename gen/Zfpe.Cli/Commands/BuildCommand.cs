using System.CommandLine;
using Zfpe.Flow;
using Zfpe.Flow.Timing;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe build [--design D] [--set k=v]... [--device 85k] [--freq MHZ] [--seed N] [--out DIR]
/// [--timing-paths N] [--timing-margin PERCENT]`: the full flow to a .bit, with the worst timing
/// paths of clocks that fail or nearly fail.
/// </summary>
public static class BuildCommand
{
    /// <summary>The board design built when none is named (until the accelerator exists).</summary>
    public const string DefaultDesign = "ulx3s-codec";

    public static Command Create()
    {
        var design = new Option<string>("--design") { Description = "design name (see `zfpe designs`)", DefaultValueFactory = _ => DefaultDesign };
        var set = GenCommands.SetOption();
        var device = SynthFlowSupport.DeviceOption();
        var freq = new Option<double>("--freq") { Description = "clock target in MHz for nextpnr and the report", DefaultValueFactory = _ => FlowOptions.DefaultFrequencyMhz };
        var seed = new Option<int>("--seed") { Description = "nextpnr placement seed (Fmax moves with it)", DefaultValueFactory = _ => FlowOptions.DefaultSeed };
        var outDir = new Option<string?>("--out") { Description = "build directory (default: out/build/<design>[-<non-default parameters>]-<device>[-seedN][-<freq>mhz])" };
        var paths = SynthFlowSupport.TimingPathsOption(TimingReportOptions.DefaultPaths);
        var margin = SynthFlowSupport.TimingMarginOption();
        var cmd = new Command("build", "constraints check, Yosys, nextpnr-ecp5 and ecppack: a .bit for the ULX3S with a utilisation, Fmax and worst-path report")
        {
            design, set, device, freq, seed, outDir, paths, margin,
        };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var ecp5 = EcpDevice.Parse(r.GetValue(device)!);
            var request = SynthFlowSupport.Request(r.GetValue(design)!, r.GetValue(set)!);
            var options = new FlowOptions(ecp5, r.GetValue(freq), r.GetValue(seed),
                r.GetValue(outDir) ?? SynthFlowSupport.DefaultDirectory("build", request.DesignName, r.GetValue(set)!, ecp5,
                    (r.GetValue(seed) == FlowOptions.DefaultSeed ? "" : $"-seed{r.GetValue(seed)}")
                    + (r.GetValue(freq) == FlowOptions.DefaultFrequencyMhz ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"-{r.GetValue(freq):0.###}mhz"))))
            {
                CacheDirectory = StageCache.SharedDirectory,
                Timing = new TimingReportOptions(r.GetValue(paths), r.GetValue(margin)),
            };
            return SynthFlowSupport.Run(request, options, FlowTarget.Bitstream);
        }));
        return cmd;
    }

    /// <summary>Where `zfpe build` puts a design's default configuration (what `zfpe program` looks for).</summary>
    public static string DefaultDirectory(string design, EcpDevice device) => SynthFlowSupport.DefaultDirectory("build", design, [], device);
}
