using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;

namespace Zfpe.Board.Tests;

/// <summary>
/// `zfpe host` as a user runs it, against the simulated board behind a pseudo-terminal (the
/// command's own termios code sets it up like the FT231X's tty), and its error paths.
/// </summary>
public class HostCommandTests
{
    [Fact]
    public void Host_sends_a_file_to_the_board_and_reports_a_pass()
    {
        using var dir = new TempDirectory();
        var values = Ulx3sCodecSimulationTests.MixedValues(998, seed: 21);
        var input = dir.Sub("x.f32");
        RawF32File.Write(input, values);
        using var terminal = new PseudoTerminal();
        ProcessResult result;
        using (new BoardBridge(terminal, () => new SimulatedBoard(Ulx3sCodecSimulationTests.SimConfig, "host_command_pass")))
        {
            result = ZfpeCli.Run("host", "--port", terminal.SlavePath, "--baud", "2500000", "--in", input, "--timeout", "30",
                "--values-per-request", "512", "--out-values", dir.Sub("back.npy"), "--out-blocks", dir.Sub("back.raw"));
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        TextAssert.ContainsAll(result.Stdout,
            "b = 5, exponent-bits = 8, split = 28, lanes = 1, up to 2048 values per request, clock 20 MHz, 2500000 bit/s (divisor 8)",
            "sent 998 values in 2 request(s)",
            "blocks: 250 of 250 match the reference",
            "values: 998 of 998 decoded values match the reference bit for bit",
            "status: ok",
            "result: PASS");

        // What the board returned, written out, is what the reference makes.
        var p = new ZfpeParameters();
        var stream = ZfpeCodec.Compress(values, p, out _);
        Assert.Equal(stream, File.ReadAllBytes(dir.Sub("back.raw")));
        Assert.Equal(ZfpeCodec.Decompress(stream, values.Length, p), NpyFile.Read(dir.Sub("back.npy")).Values);
    }

    [Fact]
    public void Host_without_input_shows_the_board_parameters()
    {
        using var terminal = new PseudoTerminal();
        ProcessResult result;
        using (new BoardBridge(terminal, () => new SimulatedBoard(Ulx3sCodecSimulationTests.SimConfig, "host_command_info")))
            result = ZfpeCli.Run("host", "--port", terminal.SlavePath, "--baud", "2500000", "--timeout", "30");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"board: {terminal.SlavePath} at 2500000 bit/s: protocol 1, b = 5", result.Stdout);
    }

    [Fact]
    public void A_board_that_does_not_answer_times_out_with_advice()
    {
        using var terminal = new PseudoTerminal();
        var result = ZfpeCli.Run("host", "--port", terminal.SlavePath, "--timeout", "0.3");
        Assert.Equal(4, result.ExitCode);
        TextAssert.ContainsAll(result.Stderr,
            $"no reply to the info request on {terminal.SlavePath} at 3000000 bit/s within 0.3 s",
            "is the ulx3s-codec bitstream loaded");
    }

    /// <summary>zfpe host on a port it cannot use: exit code 2 (bad input) and a message with these fragments.</summary>
    private static ProcessResult HostRefusesPort(string port, params string[] fragments)
    {
        var result = ZfpeCli.Run("host", "--port", port);
        Assert.Equal(2, result.ExitCode);
        TextAssert.ContainsAll(result.Stderr, fragments);
        return result;
    }

    [Fact]
    public void A_missing_device_is_named_with_how_to_find_the_board()
    {
        var result = HostRefusesPort("/dev/ttyUSB-not-here",
            "the serial device /dev/ttyUSB-not-here does not exist",
            "US1");
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void A_file_that_is_not_a_terminal_is_refused()
    {
        HostRefusesPort("/dev/null",
            "/dev/null",
            "is it a serial device?");
    }

    [Theory]
    [InlineData("--baud", "1234", "--baud 1234 is not a speed the serial driver can set")]
    [InlineData("--timeout", "0", "--timeout 0 is out of range")]
    [InlineData("--in", "x.txt", "unknown extension '.txt'")]
    public void Bad_options_are_refused_with_the_allowed_values(string option, string value, string message)
    {
        using var terminal = new PseudoTerminal();
        var result = ZfpeCli.Run("host", "--port", terminal.SlavePath, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void Values_per_request_must_suit_the_board()
    {
        using var dir = new TempDirectory();
        var input = dir.Sub("x.f32");
        RawF32File.Write(input, new float[8]);
        using var terminal = new PseudoTerminal();
        ProcessResult result;
        using (new BoardBridge(terminal, () => new SimulatedBoard(Ulx3sCodecSimulationTests.SimConfig, "host_command_per_request")))
            result = ZfpeCli.Run("host", "--port", terminal.SlavePath, "--baud", "2500000", "--timeout", "30", "--in", input, "--values-per-request", "6");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--values-per-request 6 is out of range: the board takes 4..2048 in steps of 4", result.Stderr);
    }
}
