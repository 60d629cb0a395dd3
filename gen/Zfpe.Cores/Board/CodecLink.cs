using Zfpe.Cores.Codec;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Board;

/// <summary>
/// The codec behind a serial line, without the board around it (no PLL, no pin names; clocked
/// by the implicit clk/reset): UART receiver → <see cref="RequestParser"/> → a FIFO holding a
/// whole request → the ZFPe compressor → blocks, forked to the reply and to the ZFPe decompressor
/// → decoded values → <see cref="ResponseWriter"/> → UART transmitter. PROTOCOL.md describes the
/// bytes. Everything after the input FIFO is paced by the transmitter: a reply (20 bytes per
/// block at b = 5) is longer than its request (16 bytes per block), so the request waits in the FIFO.
/// </summary>
public sealed class CodecLink : Component
{
    public readonly Bool Rxd;
    public readonly Bool Txd;

    /// <summary>One-cycle pulses: a byte was received; a byte was handed to the transmitter.</summary>
    public readonly Bool RxByte, TxByte;

    /// <summary>A request is being read or answered.</summary>
    public readonly Bool Busy;

    /// <summary>The current (or last) request had a NaN or ±Inf among its values.</summary>
    public readonly Bool NonFiniteSeen;

    /// <summary>The current (or last) request had a bad count, a CRC mismatch, a framing error or was truncated.</summary>
    public readonly Bool ErrorSeen;

    public CodecLink(Ulx3sCodecConfig config, int maxValues = CodecLinkProtocol.MaxValues)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var core = config.Core;
        var lanes = config.Lanes;
        Param("clock_mhz", config.ClockMhz, 100);
        Param("baud", config.BaudRate, 3_000_000L);
        Param("b", config.B, 5);
        Param("exponent_bits", config.ExponentBits, 8);
        Param("split", config.Split, 28);
        Param("lanes", lanes, 1);
        Param("timeout_us", config.IdleTimeoutUs, 100_000);
        Param("max_values", maxValues, CodecLinkProtocol.MaxValues);

        Rxd = In.Bool("rxd");
        Txd = Out.Bool("txd");
        RxByte = Out.Bool("rx_byte");
        TxByte = Out.Bool("tx_byte");
        Busy = Out.Bool("busy");
        NonFiniteSeen = Out.Bool("non_finite_seen");
        ErrorSeen = Out.Bool("error_seen");

        var rx = Instance(new UartRx(config.Uart), "rx");
        var parser = Instance(new RequestParser(maxValues, config.IdleTimeoutCycles), "parser");
        var requestFifo = Instance(new SyncFifo(33, maxValues, blockRam: true), "request_fifo");
        var compressor = Instance(new ZfpeCompressor(core), "compressor");
        var blockFifo = Instance(new SyncFifo(core.BlockBits, 4), "block_fifo");
        var decompressor = Instance(new ZfpeDecompressor(core), "decompressor");
        var valueFifo = Instance(new SyncFifo(32 * lanes, 4), "value_fifo");
        var writer = Instance(new ResponseWriter(config, maxValues), "writer");
        var tx = Instance(new UartTx(config.Uart), "tx");

        // ---- request: line → parser → FIFO (a whole request fits, so the receiver never waits)
        rx.Rxd.Assign(Rxd);
        parser.Bytes.ConnectFrom(rx.Output);
        parser.LineError.Assign(rx.FramingError);
        parser.ResponderIdle.Assign(writer.Idle);
        requestFifo.Push.Valid.Assign(parser.Values.Valid);
        requestFifo.Push.Payload.Assign(Hw.Cat(parser.Values.Last!, parser.Values.Payload));
        parser.Values.Ready.Assign(requestFifo.Push.Ready);

        // ---- values → compressor, `lanes` per beat
        // Skid stages around the compressor register the ready signals between the cores, so that
        // the backpressure chains of the compressor, the fork and the decompressor do not add up
        // into one combinational path (26 cells deep in synthesis without them).
        var pop = requestFifo.Pop.SkidStage("compressor_in");
        compressor.ClearStatus.Assign(parser.StartCodec);
        if (lanes == 1)
        {
            compressor.Values.Valid.Assign(pop.Valid);
            compressor.Values.Payload.Assign(pop.Payload[31, 0]);
            compressor.Values.Last!.Assign(pop.Payload[32]);
            pop.Ready.Assign(compressor.Values.Ready);
        }
        else
        {
            // Lanes 0..lanes-2 collect in a shift register; the value of the top lane completes the beat.
            var collected = Reg.UInt(32 * (lanes - 1), reset: null, name: "packer_collected");
            var lane = Reg.UInt(Widths.For(lanes - 1), reset: 0, name: "packer_lane");
            var beatValid = Reg.Bool(reset: false, name: "packer_valid");
            var beat = Reg.UInt(32 * lanes, reset: null, name: "packer_beat");
            var beatLast = Reg.Bool(reset: false, name: "packer_last");
            var completes = lane == lanes - 1;
            var beatFree = !beatValid | compressor.Values.Ready;
            pop.Ready.Assign(!completes | beatFree);
            When(compressor.Values.Fire, () => beatValid.Assign(false));
            When(pop.Fire, () =>
            {
                When(completes, () =>
                {
                    beat.Assign(Hw.Cat(pop.Payload[31, 0], collected));
                    beatLast.Assign(pop.Payload[32]);
                    beatValid.Assign(true);
                    lane.Assign(0UL);
                }).Otherwise(() =>
                {
                    collected.Assign(lanes == 2 ? pop.Payload[31, 0] : Hw.Cat(pop.Payload[31, 0], collected[32 * (lanes - 1) - 1, 32]));
                    lane.Assign(lane + 1);
                });
            });
            compressor.Values.Valid.Assign(beatValid);
            compressor.Values.Payload.Assign(beat);
            compressor.Values.Last!.Assign(beatLast);
        }

        // ---- fork: every block goes both to the reply and to the decompressor
        var toReply = Reg.Bool(reset: false, name: "fork_sent_reply");
        var toDecoder = Reg.Bool(reset: false, name: "fork_sent_decoder");
        var blocks = compressor.Blocks.SkidStage("compressor_out");
        blockFifo.Push.Valid.Assign(blocks.Valid & !toReply);
        blockFifo.Push.Payload.Assign(blocks.Payload);
        decompressor.Blocks.Valid.Assign(blocks.Valid & !toDecoder);
        decompressor.Blocks.Payload.Assign(blocks.Payload);
        decompressor.Blocks.Last!.Assign(blocks.Last!);
        blocks.Ready.Assign((toReply | blockFifo.Push.Ready) & (toDecoder | decompressor.Blocks.Ready));
        When(blocks.Fire, () =>
        {
            toReply.Assign(false);
            toDecoder.Assign(false);
        }).Otherwise(() =>
        {
            When(blockFifo.Push.Fire, () => toReply.Assign(true));
            When(decompressor.Blocks.Fire, () => toDecoder.Assign(true));
        });

        // ---- decoded values → one value per beat for the reply
        valueFifo.Push.Valid.Assign(decompressor.Values.Valid);
        valueFifo.Push.Payload.Assign(decompressor.Values.Payload);
        decompressor.Values.Ready.Assign(valueFifo.Push.Ready);
        var values = valueFifo.Pop;
        if (lanes == 1)
        {
            writer.Values.ConnectFrom(values);
        }
        else
        {
            var lane = Reg.UInt(Widths.For(lanes - 1), reset: 0, name: "unpacker_lane");
            writer.Values.Valid.Assign(values.Valid);
            writer.Values.Payload.Assign(Hw.Select(lane, Enumerable.Range(0, lanes).Select(l => values.Payload[32 * l + 31, 32 * l]).ToList()));
            values.Ready.Assign(writer.Values.Ready & (lane == lanes - 1));
            When(writer.Values.Fire, () => lane.Assign(Hw.Mux(lane == lanes - 1, Hw.U(0, lane.Width), lane + 1)));
        }

        // ---- reply → line
        writer.StartCodec.Assign(parser.StartCodec);
        writer.StartInfo.Assign(parser.StartInfo);
        writer.Reject.Assign(parser.Reject);
        writer.Count.Assign(parser.Count);
        writer.Blocks.ConnectFrom(blockFifo.Pop);
        writer.RequestComplete.Assign(parser.Complete);
        writer.ChecksumMismatch.Assign(parser.ChecksumMismatch);
        writer.FramingError.Assign(parser.FramingError);
        writer.Truncated.Assign(parser.Truncated);
        writer.NonFinite.Assign(compressor.NonFinite);
        tx.Input.ConnectFrom(writer.Bytes);
        Txd.Assign(tx.Txd);

        var rejected = Reg.Bool(reset: false, name: "rejected");
        When(parser.Reject, () => rejected.Assign(true)).ElseWhen(parser.StartCodec, () => rejected.Assign(false));
        RxByte.Assign(rx.Output.Fire);
        TxByte.Assign(tx.Input.Fire);
        Busy.Assign(!writer.Idle);
        NonFiniteSeen.Assign(compressor.NonFinite);
        ErrorSeen.Assign(rejected | parser.ChecksumMismatch | parser.FramingError | parser.Truncated);
    }
}
