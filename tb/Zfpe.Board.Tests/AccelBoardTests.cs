using Xunit.Abstractions;
using Zfpe.Cli.Adapters;
using Zfpe.Cores.Accelerator;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Dense;

namespace Zfpe.Board.Tests;

/// <summary>
/// The accelerator on its serial line (<see cref="AccelSystem"/>) driven through its UART pins by the
/// host's protocol code (<see cref="AccelSession"/>, <see cref="AccelRunner"/>), the SDRAM chip model on its
/// memory pins: models run end to end, every layer's output regions compared word for word with
/// <see cref="AcceleratorReference"/>; bad frames refused with their reason and nothing changed.
/// Simulation configuration: a 25 MHz clock at 2.5 Mbit/s (10 cycles a bit), a 1 ms idle timeout.
/// </summary>
public sealed class AccelBoardTests(ITestOutputHelper output) : TempDirectoryTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(20);

    private static Ulx3sAccelConfig SimConfig(int pes = 4, int b = 5) => new(ClockMhz: 25, BaudRate: 2_500_000, IdleTimeoutUs: 1000, Pes: pes, B: b);

    private static DenseLayer RandomLayer(Random r, int outputs, int inputs, bool bias, DenseActivation activation) =>
        new(outputs, inputs, Values(r, outputs * inputs, 0.25), bias ? Values(r, outputs, 1) : null, activation);

    private static float[] Values(Random r, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => r.Next(16) == 0 ? 0f : (float)((r.NextDouble() * 2 - 1) * scale * Math.Pow(2, r.Next(-5, 6))))];

    private void Report(AccelRunResult run)
    {
        foreach (var (layer, n) in run.Layers.Select((l, n) => (l, n + 1)))
            output.WriteLine($"layer {n} ({layer.Outputs} x {layer.Inputs}): {layer.BusyCycles} busy cycles, {layer.MacsPerCycle:F2} MACs/cycle, " +
                             $"{layer.WordsCompared} output words compared, {layer.WordMismatches} differ");
    }

    [Fact]
    public void The_board_reports_its_build()
    {
        var config = SimConfig();
        using var board = new SimulatedAccelBoard(config, "accel_info");
        var info = new AccelSession(board, Timeout).Info();
        Assert.Equal(AccelInfo.Parse(AccelLinkProtocol.InfoBody(config.Core, config.ClockHz, config.Uart.Divisor)), info);
        Assert.Equal(4, info.Pes);
        Assert.Equal(24, info.AddressBits);
        Assert.Equal(config.Core, info.Core);
    }

    [Fact]
    public void A_two_layer_mlp_runs_through_the_uart_bit_exact_with_the_reference()
    {
        var r = new Random(3);
        var layers = new[] { RandomLayer(r, 50, 37, bias: true, DenseActivation.Relu), RandomLayer(r, 13, 50, bias: true, DenseActivation.None) };
        var batch = 21;
        var x = Values(r, batch * 37, 1);
        using var board = new SimulatedAccelBoard(SimConfig(), "accel_mlp");
        var session = new AccelSession(board, Timeout);
        var run = new AccelRunner(session).Run(session.Info(), layers, x, batch);
        Report(run);
        Assert.True(run.BitExact, $"layer outputs differ from the reference: {string.Join(", ", run.Layers.Select(l => $"{l.WordMismatches} words (first {l.FirstMismatch})"))}");
        Assert.Equal(0, run.OutputMismatches);
        Assert.Equal(batch * 13, run.Outputs.Length);
        foreach (var layer in run.Layers) Assert.Equal(layer.MultiplyAdds, (long)layer.Status.Counter("weights-taken") * 16);
    }

    /// <summary>Issue 15's layer through the UART pins at 16 PEs: 256 × 256 with bias and ReLU, batch 16.</summary>
    [Fact]
    public void A_256_by_256_layer_with_bias_and_relu_runs_through_the_uart_at_16_pes()
    {
        var r = new Random(256);
        var layer = RandomLayer(r, 256, 256, bias: true, DenseActivation.Relu);
        using var board = new SimulatedAccelBoard(SimConfig(pes: 16), "accel_256");
        var session = new AccelSession(board, Timeout);
        var run = new AccelRunner(session).Run(session.Info(), [layer], Values(r, 16 * 256, 1), 16);
        Report(run);
        Assert.True(run.BitExact, $"{run.Layers[0].WordMismatches} output words differ (first {run.Layers[0].FirstMismatch})");
        Assert.True(run.Layers[0].MacsPerCycle > 0.9 * 16, $"{run.Layers[0].MacsPerCycle:F2} MACs/cycle");
    }

    /// <summary>Sizes that are no multiple of the tile, at b = 9 and 8 PEs, through the UART pins.</summary>
    [Fact]
    public void An_odd_sized_mlp_at_b9_runs_through_the_uart_at_8_pes()
    {
        var r = new Random(9);
        var layers = new[] { RandomLayer(r, 70, 33, bias: true, DenseActivation.Relu), RandomLayer(r, 11, 70, bias: true, DenseActivation.None) };
        using var board = new SimulatedAccelBoard(SimConfig(pes: 8, b: 9), "accel_b9");
        var session = new AccelSession(board, Timeout);
        var run = new AccelRunner(session).Run(session.Info(), layers, Values(r, 19 * 33, 1), 19);
        Report(run);
        Assert.True(run.BitExact, string.Join(", ", run.Layers.Select(l => $"{l.WordMismatches} words (first {l.FirstMismatch})")));
        Assert.Equal(0, run.OutputMismatches);
    }

    [Fact]
    public void Written_words_read_back_and_a_damaged_frame_or_byte_changes_nothing()
    {
        using var board = new SimulatedAccelBoard(SimConfig(), "accel_frames");
        var session = new AccelSession(board, Timeout);
        _ = session.Info();
        var words = Enumerable.Range(0, 3000).Select(i => (ushort)(i * 40503 + 7)).ToArray();
        session.Write(1000, words);
        Assert.Equal(words, session.Read(1000, words.Length));
        Assert.Equal(words, board.Dump(1000, words.Length));

        // A write frame whose CRC is wrong: refused with the reason, the memory untouched.
        var frame = new byte[] { AccelLinkProtocol.Write, 0xE8, 0x03, 0, 0, 2, 0, 0x11, 0x22, 0x33, 0x44, 0, 0 };
        var crc = FrameCrc.Compute(frame.AsSpan(0, frame.Length - 2));
        frame[^2] = (byte)(crc ^ 0xFF);
        frame[^1] = (byte)(crc >> 8);
        board.Write(frame);
        var reply = new byte[4];
        board.ReadExactly(reply, Timeout, "damaged write");
        Assert.Equal((byte)'w', reply[0]);
        Assert.Equal(AccelLinkProtocol.BadCrc, reply[1]);
        Assert.Equal(words[..2], board.Dump(1000, 2));

        // A frame cut off in the middle: no reply, and the board answers the next request.
        board.Write(frame.AsSpan(0, 6));
        var nothing = new byte[1];
        Assert.Equal(0, board.Read(nothing, TimeSpan.FromMilliseconds(3)));
        Assert.Equal(4, session.Info().Pes);
        Assert.Equal(words[..2], board.Dump(1000, 2));

        // A byte of a write's payload arrives with a 0 stop bit (the receiver drops it): it still counts as
        // a byte of the request, which is answered with the framing error; the memory is untouched.
        var good = new byte[] { AccelLinkProtocol.Write, 0xE8, 0x03, 0, 0, 2, 0, 0x55, 0x66, 0x77, 0x88, 0, 0 };
        var goodCrc = FrameCrc.Compute(good.AsSpan(0, good.Length - 2));
        good[^2] = (byte)goodCrc;
        good[^1] = (byte)(goodCrc >> 8);
        for (var i = 0; i < good.Length; i++)
            board.ToBoard.Enqueue(good[i], idleCyclesBefore: i == 9 ? 3 * board.Divisor : 0, stopBit: i != 8);
        board.ReadExactly(reply, Timeout, "write with a framing error");
        Assert.Equal((byte)'w', reply[0]);
        Assert.Equal(AccelLinkProtocol.FramingError, reply[1] & AccelLinkProtocol.FramingError);
        Assert.Equal(words[..2], board.Dump(1000, 2));
        Assert.Equal(4, session.Info().Pes);

        // Out of range: past the end of the memory, a count above the frame's maximum, go without a layer.
        var past = Assert.Throws<AccelLinkException>(() => session.Write((1L << 24) - 1, [1, 2]));
        Assert.Equal(AccelLinkProtocol.Refused, past.Status);
        Assert.Throws<AccelLinkException>(() => session.Go());
        Assert.False(session.Status().LayerSet);
    }

    /// <summary>A link on which nothing ever answers.</summary>
    private sealed class SilentLink : HostLink
    {
        public override string Description => "a silent line";
        public override void Write(ReadOnlySpan<byte> data) { }
        public override int Read(Span<byte> buffer, TimeSpan timeout) => 0;
        public override void DiscardInput() { }
    }

    [Fact]
    public void A_board_that_does_not_answer_is_reported_and_nothing_is_written()
    {
        {
            var output = Zfpe.Reference.Files.TensorFile.Output(Zfpe.Reference.Files.OutputFile.Resolve(Dir.File("y.npy")), "--out");
            var layer = new DenseLayer(4, 4, new float[16], null, DenseActivation.None);
            var error = Assert.Throws<Zfpe.Cli.Commands.CliException>(() => Zfpe.Cli.Commands.RunCommand.Run(new SilentLink(), null, false, null, Timeout,
                [layer], new float[8], 2, Zfpe.Reference.Codecs.ZfpeRounding.Truncate, null, output, TextWriter.Null));
            Assert.Contains("no reply to the info request on a silent line", error.Message);
            Assert.Contains("is the ulx3s-accel bitstream loaded", error.Message);
            Assert.False(File.Exists(Dir.File("y.npy")));
        }
    }

    [Fact]
    public void A_board_of_another_build_is_refused_by_name()
    {
        using var board = new SimulatedAccelBoard(SimConfig(), "accel_info");
        {
            var output = Zfpe.Reference.Files.TensorFile.Output(Zfpe.Reference.Files.OutputFile.Resolve(Dir.File("y.npy")), "--out");
            var layer = new DenseLayer(4, 4, new float[16], null, DenseActivation.None);
            var error = Assert.Throws<Zfpe.Cli.Commands.CliException>(() => Zfpe.Cli.Commands.RunCommand.Run(board, board, false, SimConfig(pes: 8, b: 9), Timeout,
                [layer], new float[8], 2, Zfpe.Reference.Codecs.ZfpeRounding.Truncate, null, output, TextWriter.Null));
            Assert.Contains("the board is another build: pes=4 (asked for 8), b=5 (asked for 9)", error.Message);

            // Only the parameters given with --set are checked: b alone.
            var onlyB = Assert.Throws<Zfpe.Cli.Commands.CliException>(() => Zfpe.Cli.Commands.RunCommand.Run(board, board, false, SimConfig(pes: 8, b: 9), Timeout,
                [layer], new float[8], 2, Zfpe.Reference.Codecs.ZfpeRounding.Truncate, null, output, TextWriter.Null, checkedParameters: new HashSet<string> { "b" }));
            Assert.Contains("the board is another build: b=5 (asked for 9);", onlyB.Message);
            Assert.False(File.Exists(Dir.File("y.npy")));
        }
    }

    [Fact]
    public void A_layer_too_large_for_the_memory_is_refused_before_anything_is_sent()
    {
        var info = AccelInfo.Parse(AccelLinkProtocol.InfoBody(SimConfig().Core, 25_000_000, 10)) with { AddressBits = 12 };
        var layer = new DenseLayer(300, 300, new float[300 * 300], null, DenseActivation.None);
        var error = Assert.Throws<ArgumentException>(() => AccelRunner.Plan(info, [layer], 16, AccelRunner.ReferenceConfig(info)));
        Assert.Contains("do not fit the memory", error.Message);
    }
}
