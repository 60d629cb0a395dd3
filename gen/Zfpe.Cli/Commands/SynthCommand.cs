using System.CommandLine;
using Zfpe.Flow;

namespace Zfpe.Cli.Commands;

/// <summary>`zfpe synth &lt;design&gt; [--set k=v]... [--device 25k|45k|85k] [--report F.json] [--out DIR]`.</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "design name (see `zfpe designs`)" };
        var set = GenCommands.SetOption();
        var device = SynthFlowSupport.DeviceOption();
        var report = new Option<string?>("--report") { Description = "also write the report JSON to this file" };
        var outDir = new Option<string?>("--out") { Description = "build directory (default: out/synth/<design>[-<non-default parameters>]-<device>)" };
        var cmd = new Command("synth", "synthesise a design with Yosys for the ECP5: cell counts, % of the device, logic depth")
        {
            design, set, device, report, outDir,
        };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var ecp5 = EcpDevice.Parse(r.GetValue(device)!);
            var reportOutput = SynthFlowSupport.ReportOutput(r.GetValue(report));
            var request = SynthFlowSupport.Request(r.GetValue(design)!, r.GetValue(set)!);
            var options = new FlowOptions(ecp5, FlowOptions.DefaultFrequencyMhz, FlowOptions.DefaultSeed,
                r.GetValue(outDir) ?? SynthFlowSupport.DefaultDirectory("synth", request.DesignName, r.GetValue(set)!, ecp5))
            {
                CacheDirectory = StageCache.SharedDirectory,
            };
            return SynthFlowSupport.Run(request, options, FlowTarget.Synthesis, reportOutput);
        }));
        return cmd;
    }
}
