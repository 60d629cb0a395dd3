using Zfpe.Reference.Codecs;
using System.CommandLine;
using System.Globalization;
using Zfpe.Host;
using Zfpe.Cores.Board;
using Zfpe.Reference.Files;
using Zfpe.Cli.Presentation;

namespace Zfpe.Cli.Commands;

/// <summary>
/// <c>zfpe host [--in F.npy|F.f32] [--port DEV] [--baud N] [--timeout S] [--values-per-request N]
/// [--out-values F] [--out-blocks F]</c>: talks to the ulx3s-codec design over the serial port,
/// sends the values, and checks the returned blocks and decoded values against the reference
/// codec. Without --in it only asks the board for its parameters. Exit codes: 0 the board agrees
/// with the reference; 1 it does not, or a request arrived damaged; 2 bad input or no device;
/// 4 the board did not answer or answered out of protocol.
/// </summary>
public static class HostCommand
{
    public const string DefaultPort = "/dev/ttyUSB0";
    public const int DefaultBaud = 3_000_000;

    public static Command Create()
    {
        var input = new Option<string?>("--in") { Description = "values to send: .npy (float32/float64) or .f32 (raw little-endian float32); without it, only the board's parameters are shown" };
        var port = new Option<string>("--port") { Description = "the serial device of the ULX3S (its FT231X)", DefaultValueFactory = _ => DefaultPort };
        var baud = new Option<int>("--baud") { Description = "bit/s; must be the design's baud parameter", DefaultValueFactory = _ => DefaultBaud };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for the board before giving up", DefaultValueFactory = _ => 2.0 };
        var perRequest = new Option<int?>("--values-per-request") { Description = "values per request, a multiple of 4 (default: the board's maximum)" };
        var outValues = new Option<string?>("--out-values") { Description = "write the decoded values the board returned (.npy or .f32)" };
        var outBlocks = new Option<string?>("--out-blocks") { Description = "write the blocks the board returned as a raw ZFPe stream (docs/zfpe-format.md §3 step 7)" };
        var command = new Command("host", "send values to the ulx3s-codec design over the serial port and check its blocks and decoded values against the reference")
        {
            input, port, baud, timeout, perRequest, outValues, outBlocks,
        };
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var seconds = parse.GetValue(timeout);
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 3600)
                throw new CliException($"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} is out of range: allowed (0, 3600] seconds");
            var inPath = parse.GetValue(input);
            var valuesOutput = parse.GetValue(outValues) is { } v ? CommandOutput.Resolve(v, "--out-values", (inPath, "--in")) : null;
            var valuesFormat = valuesOutput is null ? null : TensorFile.Output(valuesOutput, "--out-values");
            var blocksOutput = parse.GetValue(outBlocks) is { } b ? CommandOutput.Resolve(b, "--out-blocks", (inPath, "--in")) : null;
            if (valuesOutput is not null && blocksOutput is not null)
                valuesOutput.RefuseOutput(blocksOutput);
            var tensor = inPath is null ? null : TensorFile.Read(inPath);
            using var link = new HostSerialPort(parse.GetValue(port)!, parse.GetValue(baud));
            return Run(link, TimeSpan.FromSeconds(seconds), tensor, parse.GetValue(perRequest), valuesFormat, blocksOutput, CommandOutput.Report(valuesOutput, blocksOutput));
        }));
        return command;
    }

    /// <summary>The command's work over any link (the tests use a simulated board).</summary>
    public static int Run(HostLink link, TimeSpan timeout, Tensor? tensor, int? valuesPerRequest, TensorOutput? outValues, OutputFile? outBlocks, TextWriter output)
    {
        var session = new HostSession(link, timeout);
        CodecLinkInfo info;
        HostRunResult run;
        try
        {
            info = session.Info();
            output.WriteLine($"board: {link.Description}: {info}");
            if (tensor is null) return CliRunner.Ok;
            var perRequest = valuesPerRequest ?? info.MaxValues;
            if (perRequest < 4 || perRequest > info.MaxValues || perRequest % 4 != 0)
                throw new CliException($"--values-per-request {perRequest} is out of range: the board takes 4..{info.MaxValues} in steps of 4");
            using var bar = tensor.Values.Length > perRequest ? ProgressBar.StartOnTerminal(tensor.Values.Length) : null;
            long shown = 0;
            run = session.Run(tensor.Values, info, perRequest, (done, _) =>
            {
                bar?.Advance(done - shown, "values sent");
                shown = done;
            });
        }
        catch (TimeoutException e)
        {
            throw new CliException($"{e.Message}: is the ulx3s-codec bitstream loaded (`zfpe program`) and is --baud the design's baud rate? Press btn[0] to reset the board.", CliRunner.ToolFailed);
        }
        catch (InvalidDataException e)
        {
            throw new CliException($"the board's reply is not valid: {e.Message}", CliRunner.ToolFailed);
        }

        var values = tensor.Values;
        var check = HostCheck.Compare(values, run);
        if (outValues is not null) TensorIo.Write(outValues, new Tensor(run.Values[..values.Length], [values.Length]));
        if (outBlocks is not null)
        {
            var blocks = ZfpeBlockStream.Pack(run.Blocks, info.BlockBits);
            CommandOutput.Write(outBlocks, stream => stream.Write(blocks));
        }

        var c = CultureInfo.InvariantCulture;
        var seconds = Math.Max(run.Elapsed.TotalSeconds, 1e-9);
        output.WriteLine(string.Format(c, "sent {0} values in {1} request(s): {2} bytes out, {3} bytes in, {4:0.00} s ({5:0.0} kB/s in, {6:0} values/s)",
            values.Length, run.Requests, run.BytesSent, run.BytesReceived, seconds, run.BytesReceived / seconds / 1000, values.Length / seconds));
        var p = HostCheck.ParametersOf(info);
        output.WriteLine(string.Format(c, "blocks: {0} of {1} match the reference (b = {2}, exponent-bits = {3}, split = {4}){5}",
            check.Blocks - check.BlockMismatches, check.Blocks, p.B, p.ExponentBits, p.Split,
            check.FirstBlockMismatch < 0 ? "" : $"; first difference at block {check.FirstBlockMismatch}"));
        output.WriteLine(string.Format(c, "values: {0} of {1} decoded values match the reference bit for bit{2}",
            check.Values - check.ValueMismatches, check.Values,
            check.FirstValueMismatch < 0 ? "" : $"; first difference at value {check.FirstValueMismatch}"));
        var damaged = run.Status & (CodecLinkStatus.ChecksumMismatch | CodecLinkStatus.FramingError | CodecLinkStatus.Truncated);
        output.WriteLine("status: " + Describe(run.Status, check));
        var passed = check.Passed && damaged == CodecLinkStatus.None;
        output.WriteLine(passed ? "result: PASS" : "result: FAIL");
        return passed ? CliRunner.Ok : CliRunner.CheckFailed;
    }

    private static string Describe(CodecLinkStatus status, HostCheckResult check)
    {
        var parts = new List<string>();
        if ((status & CodecLinkStatus.NonFiniteInput) != 0)
            parts.Add("non-finite input (NaN -> 0, Inf -> ±FLT_MAX)" + (check.ReferenceNonFinite ? ", as the reference reports" : ", but the reference saw none"));
        else if (check.ReferenceNonFinite)
            parts.Add("the reference saw non-finite input but the board did not report it");
        if ((status & CodecLinkStatus.ChecksumMismatch) != 0) parts.Add("a request arrived with a bad CRC (bytes corrupted on the line)");
        if ((status & CodecLinkStatus.FramingError) != 0) parts.Add("framing errors on the line (check --baud)");
        if ((status & CodecLinkStatus.Truncated) != 0) parts.Add("a request was cut short (the line went quiet)");
        return parts.Count == 0 ? "ok" : string.Join("; ", parts);
    }
}
