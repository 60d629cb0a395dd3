using System.Buffers.Binary;
using Zfpe.Cli.Commands;
using Zfpe.Cores.Board;
using Zfpe.Reference.Codecs;

namespace Zfpe.Board.Tests;

/// <summary>
/// The ulx3s-codec top driven through its UART pins by the host's protocol code, its answers
/// compared with the reference codec. Simulation configuration: a 20 MHz design clock and
/// 2.5 Mbit/s (8 cycles per bit), a 1 ms idle timeout; the PLL model passes the clock through.
/// </summary>
public class Ulx3sCodecSimulationTests
{
    public static readonly Ulx3sCodecConfig SimConfig = new(ClockMhz: 20, BaudRate: 2_500_000, IdleTimeoutUs: 1000);

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(5);

    private static SimulatedBoard Board(string name) => new(SimConfig, name);

    /// <summary>A host session on the board and the board's answer to the info request.</summary>
    private static (HostSession Session, CodecLinkInfo Info) Connect(SimulatedBoard board)
    {
        var session = new HostSession(board, Timeout);
        return (session, session.Info());
    }

    /// <summary>Values of every kind the codec must handle: wide exponent ranges, zeros, subnormals, ±0, extremes.</summary>
    public static float[] MixedValues(int count, int seed, bool withNonFinite = false)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var block = i / 4;
            values[i] = (block % 7) switch
            {
                0 => 0f,
                1 => BitConverter.UInt32BitsToSingle((uint)random.Next(1, 1 << 23) | (random.Next(2) == 0 ? 0 : 0x8000_0000u)), // subnormal
                2 => (float)(random.NextDouble() * 2 - 1) * MathF.Pow(2, random.Next(-126, 127)),
                3 => i % 4 == 0 ? float.MaxValue : -float.Epsilon,
                _ => (float)((random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-20, 20))),
            };
        }
        if (withNonFinite)
        {
            values[count / 2] = float.NaN;
            values[count / 2 + 5] = float.NegativeInfinity;
        }
        return values;
    }

    [Fact]
    public void The_board_reports_its_parameters()
    {
        using var board = Board("board_info");
        var info = new HostSession(board, Timeout).Info();
        Assert.Equal(new CodecLinkInfo(CodecLinkProtocol.Version, 5, 8, 28, 1, CodecLinkProtocol.MaxValues, 8, 20_000), info);
        Assert.Equal(1, board.Led(6)); // PLL locked (the model)
        Assert.Equal(1, (int)board.Simulation.Peek(board.Top.WifiGpio0));
    }

    [Fact]
    public void Blocks_and_decoded_values_match_the_reference_across_requests()
    {
        using var board = Board("board_round_trip");
        var (session, info) = Connect(board);
        var values = MixedValues(1002, seed: 7); // the last request is padded to whole blocks
        var run = session.Run(values, info, valuesPerRequest: 400);
        Assert.Equal(3, run.Requests);
        Assert.Equal(CodecLinkStatus.None, run.Status);
        var check = HostCheck.Compare(values, run);
        Assert.True(check.Passed, check.ToString());
        Assert.Equal(251, check.Blocks);

        // The blocks also repack into exactly the reference's stream.
        var p = HostCheck.ParametersOf(info);
        Assert.Equal(ZfpeCodec.Compress(values, p, out _), ZfpeBlockStream.Pack(run.Blocks, info.BlockBits));
    }

    [Fact]
    public void A_full_size_request_fits_and_non_finite_input_is_reported()
    {
        using var board = Board("board_full_request");
        var (session, info) = Connect(board);
        var values = MixedValues(CodecLinkProtocol.MaxValues, seed: 8, withNonFinite: true);
        var run = session.Run(values, info, CodecLinkProtocol.MaxValues);
        Assert.Equal(CodecLinkStatus.NonFiniteInput, run.Status);
        var check = HostCheck.Compare(values, run);
        Assert.True(check.Passed, check.ToString());
        Assert.Equal(1, board.Led(4)); // non-finite LED

        // The status is per request: the next clean request clears it.
        run = session.Run(MixedValues(64, seed: 9), info, 64);
        Assert.Equal(CodecLinkStatus.None, run.Status);
        Assert.Equal(0, board.Led(4));
    }

    [Fact]
    public void A_request_with_a_bad_CRC_is_answered_and_flagged()
    {
        using var board = Board("board_bad_crc");
        var (session, info) = Connect(board);
        var values = MixedValues(16, seed: 10);
        var frame = CodecLinkFrames.CodecRequest(values);
        frame[^1] ^= 0x40;
        board.Write(frame);
        var reply = ReadReply(board, 16, info);
        Assert.Equal(CodecLinkStatus.ChecksumMismatch, reply.Status);
        Assert.Equal(values.Length, reply.Values.Length);
        Assert.Equal(1, board.Led(5)); // error LED
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(CodecLinkProtocol.MaxValues + 4)]
    public void A_bad_count_is_refused_and_the_board_listens_again_after_the_line_goes_quiet(int count)
    {
        using var board = Board($"board_bad_count_{count}");
        var (session, info) = Connect(board);
        var frame = new byte[3 + 4 * Math.Min(count, 64) + 2];
        frame[0] = CodecLinkProtocol.CodecCommand;
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(1), (ushort)count);
        board.Write(frame); // the payload bytes after the count must be ignored
        var reply = ReadReply(board, 0, info);
        Assert.Equal(CodecLinkStatus.BadCount, reply.Status);
        Assert.Equal(0, reply.ValueCount);
        board.Flush();
        board.Simulation.Step(SimConfig.IdleTimeoutCycles + 10);

        var values = MixedValues(32, seed: 11);
        var run = session.Run(values, info, 32);
        Assert.True(HostCheck.Compare(values, run).Passed);
        Assert.Equal(0, board.Led(5));
    }

    [Fact]
    public void A_request_cut_short_is_completed_with_zeros_and_flagged_truncated()
    {
        using var board = Board("board_truncated");
        var (session, info) = Connect(board);
        var values = MixedValues(40, seed: 12);
        var frame = CodecLinkFrames.CodecRequest(values);
        board.Write(frame.AsSpan(0, 3 + 4 * 21 + 2)); // 21 values and half of the 22nd
        var reply = ReadReply(board, 40, info);
        Assert.Equal(CodecLinkStatus.Truncated, reply.Status);
        var received = values[..21].Concat(new float[19]).ToArray();
        var expected = ZfpeCodec.Decompress(ZfpeCodec.Compress(received, HostCheck.ParametersOf(info), out _), 40, HostCheck.ParametersOf(info));
        Assert.Equal(expected.Select(BitConverter.SingleToUInt32Bits), reply.Values.Select(BitConverter.SingleToUInt32Bits));

        // The board recovers by itself.
        Assert.True(HostCheck.Compare(values, session.Run(values, info, 40)).Passed);
    }

    [Fact]
    public void A_framing_error_inside_a_request_is_reported()
    {
        using var board = Board("board_framing");
        var (session, info) = Connect(board);
        var values = MixedValues(8, seed: 13);
        var frame = CodecLinkFrames.CodecRequest(values);
        board.Write(frame.AsSpan(0, 10));
        board.WriteWithFramingError(frame[10]); // this byte is lost: the request ends short
        board.Write(frame.AsSpan(11));
        var reply = ReadReply(board, 8, info);
        Assert.Equal(CodecLinkStatus.FramingError | CodecLinkStatus.Truncated, reply.Status);
    }

    [Fact]
    public void The_LEDs_show_activity_and_btn0_resets_the_board()
    {
        using var board = Board("board_leds_reset");
        var (session, info) = Connect(board);
        Assert.Equal(1, board.Led(2)); // sent the info reply: the TX LED is still lit
        // Ones (00 00 80 3f): no byte of what reaches the board after its reset is a command.
        var request = CodecLinkFrames.CodecRequest(Enumerable.Repeat(1f, 256).ToArray());
        board.Write(request.AsSpan(0, 60));
        board.Simulation.Step(40 * 10 * board.Divisor);
        Assert.Equal(1, board.Led(1)); // receiving
        Assert.Equal(1, board.Led(3)); // request in progress

        // Holding the power button resets the board mid-request: no more reply bytes.
        board.PressButton();
        board.Simulation.Step(10);
        Assert.Equal(1, board.Led(7));
        board.ReleaseButton();
        board.Flush();
        board.Simulation.Step(30);
        Assert.Equal(0, board.Led(7));
        Assert.Equal(0, board.Led(3));
        board.Simulation.Step(2 * SimConfig.IdleTimeoutCycles);
        board.DiscardInput();
        Assert.Equal(info, session.Info());
    }

    [Fact]
    public void Four_lanes_and_the_9_bit_exponent_give_padded_blocks_that_match_the_reference()
    {
        // 33-bit blocks travel as 5 bytes; values pass the 4-lane StreamWiden and StreamNarrow.
        var (info, run) = RunChecked(SimConfig with { Lanes = 4, ExponentBits = 9 }, "board_lanes4_e9",
            MixedValues(600, seed: 15, withNonFinite: true), valuesPerRequest: 256);
        Assert.Equal((4, 9, 33), (info.Lanes, info.ExponentBits, info.BlockBits));
        Assert.Equal(CodecLinkStatus.NonFiniteInput, run.Status);
    }

    [Fact]
    public void Two_lanes_give_blocks_and_values_that_match_the_reference()
    {
        // Values pass the 2-lane StreamWiden and StreamNarrow; the last request is shorter than the others.
        var (info, run) = RunChecked(SimConfig with { Lanes = 2, B = 9 }, "board_lanes2_b9", MixedValues(400, seed: 21), valuesPerRequest: 128);
        Assert.Equal((2, 9, 48), (info.Lanes, info.B, info.BlockBits));
        Assert.Equal(CodecLinkStatus.None, run.Status);
    }

    /// <summary>Sends <paramref name="values"/> through a simulated board of <paramref name="config"/>; every block and value must match the reference.</summary>
    private static (CodecLinkInfo Info, HostRunResult Run) RunChecked(Ulx3sCodecConfig config, string name, float[] values, int valuesPerRequest)
    {
        using var board = new SimulatedBoard(config, name);
        var (session, info) = Connect(board);
        var run = session.Run(values, info, valuesPerRequest);
        var check = HostCheck.Compare(values, run);
        Assert.True(check.Passed, check.ToString());
        return (info, run);
    }

    private static CodecLinkReply ReadReply(SimulatedBoard board, int count, CodecLinkInfo info)
    {
        var bytes = new byte[CodecLinkProtocol.CodecReplyBytes(count, info.BlockBits)];
        board.ReadExactly(bytes, Timeout, "test request");
        return CodecLinkFrames.ParseCodecReply(bytes, info.BlockBits);
    }
}
