using Zfpe.Tools;
using System.CommandLine;
using Zfpe.Flow;

namespace Zfpe.Cli.Commands;

/// <summary>`zfpe program [--bit F] [--flash]`: load a bitstream into the ULX3S with openFPGALoader.</summary>
public static class ProgramCommand
{
    public static Command Create()
    {
        var bit = new Option<string?>("--bit") { Description = $"bitstream to load (default: the .bit of `zfpe build` of {BuildCommand.DefaultDesign} for the 85k)" };
        var flash = new Option<bool>("--flash") { Description = "write the SPI flash (kept at power-off) instead of the FPGA's SRAM" };
        var cmd = new Command("program", "program the ULX3S over USB with openFPGALoader --board ulx3s") { bit, flash };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var path = r.GetValue(bit) ?? DefaultBitstream();
            var logPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, FlowRunner.LogDirectory, "openFPGALoader.log");
            try
            {
                new BoardProgrammer(new ToolLocator()).Program(path, r.GetValue(flash), logPath, line => Console.Error.WriteLine(line));
            }
            catch (MissingToolException e)
            {
                throw new CliException(e.Message, CliRunner.MissingTool);
            }
            catch (ToolFailedException e)
            {
                throw new CliException(e.Message + Environment.NewLine + "Is the board plugged in (USB port US1) and readable by you (udev rule for the FT231X)?", CliRunner.ToolFailed);
            }
            Console.WriteLine(r.GetValue(flash) ? $"wrote {path} to the flash: it loads at power-on" : $"loaded {path} into the FPGA (until power-off)");
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static string DefaultBitstream()
    {
        var dir = BuildCommand.DefaultDirectory(BuildCommand.DefaultDesign, EcpDevice.Lfe5u85);
        var bits = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.bit") : [];
        return bits.Length == 1
            ? bits[0]
            : throw new CliException($"no bitstream given and none found in {dir}: run `zfpe build` first, or pass --bit FILE.bit", CliRunner.BadInput);
    }
}
