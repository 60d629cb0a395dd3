using Zfpe.Cores.Codec;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Board;

/// <summary>
/// The codec behind a serial line, without the board around it (no PLL, no pin names; clocked
/// by the implicit clk/reset): UART receiver → <see cref="RequestParser"/> → a block-RAM queue
/// holding a whole request → the ZFPe compressor → blocks, forked to the reply and to the ZFPe
/// decompressor → decoded values → <see cref="ResponseWriter"/> → UART transmitter. PROTOCOL.md
/// describes the bytes. The plumbing is the typed stream library (<see cref="StreamQueue{T}"/>,
/// <see cref="StreamFork{T}"/>, <see cref="StreamWiden{T}"/> and <see cref="StreamNarrow{T}"/>
/// from 2 lanes). Everything after the request queue is paced by the transmitter: a reply (20
/// bytes per block at b = 5) is longer than its request (16 bytes per block), so the request
/// waits in the queue.
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

        var value = Shape.UInt(32);
        var block = Shape.UInt(core.BlockBits);
        var rx = Instance(new UartRx(config.Uart), "rx");
        var parser = Instance(new RequestParser(maxValues, config.IdleTimeoutCycles), "parser");
        var requestQueue = Instance(new StreamQueue<UInt>(value, maxValues, QueueStorage.BlockRam, withLast: true), "request_queue");
        var compressor = Instance(new ZfpeCompressor(core), "compressor");
        var fork = Instance(new StreamFork<UInt>(block, 2, withLast: true), "block_fork");
        var blockQueue = Instance(new StreamQueue<UInt>(block, 4), "block_queue");
        var decompressor = Instance(new ZfpeDecompressor(core), "decompressor");
        var writer = Instance(new ResponseWriter(config, maxValues), "writer");
        var tx = Instance(new UartTx(config.Uart), "tx");

        // ---- request: line → parser → queue (a whole request fits, so the receiver never waits)
        rx.Rxd.Assign(Rxd);
        parser.Bytes.ConnectFrom(rx.Output);
        parser.LineError.Assign(rx.FramingError);
        parser.ResponderIdle.Assign(writer.Idle);
        requestQueue.Push.ConnectFrom(parser.Values);

        // ---- values → compressor, `lanes` per beat
        // Skid stages around the compressor register the ready signals between the cores, so that
        // the backpressure chains of the compressor, the fork and the decompressor do not add up
        // into one combinational path (26 cells deep in synthesis without them).
        var pop = requestQueue.Pop.SkidStage("compressor_in");
        compressor.ClearStatus.Assign(parser.StartCodec);
        if (lanes == 1)
        {
            compressor.Values.ConnectFrom(pop);
        }
        else
        {
            // A request holds whole blocks, so every wide beat is full and the request's final value
            // is always the top lane's: `last` travels as a field, and the widener needs no partial beats.
            var widen = Instance(new StreamWiden<RequestValue>(RequestValue.Shape, lanes), "widen");
            widen.Input.Valid.Assign(pop.Valid);
            widen.Input.Payload.Bits.Assign(pop.Payload);
            widen.Input.Payload.Final.Assign(pop.Last!);
            pop.Ready.Assign(widen.Input.Ready);
            var items = widen.Output.Payload.Items;
            compressor.Values.Valid.Assign(widen.Output.Valid);
            compressor.Values.Payload.Assign(Hw.Cat(items.Reverse().Select(v => (HdlValue)v.Bits).ToArray()));
            compressor.Values.Last!.Assign(items[^1].Final);
            widen.Output.Ready.Assign(compressor.Values.Ready);
        }

        // ---- fork: every block goes both to the reply (through a queue) and to the decompressor
        fork.Input.ConnectFrom(compressor.Blocks.SkidStage("compressor_out"));
        blockQueue.Push.ConnectFrom(fork.Outputs[0]);
        decompressor.Blocks.ConnectFrom(fork.Outputs[1]);
        writer.Blocks.ConnectFrom(blockQueue.Pop);

        // ---- decoded values → one value per beat for the reply
        if (lanes == 1)
        {
            var valueQueue = Instance(new StreamQueue<UInt>(value, 4), "value_queue");
            valueQueue.Push.ConnectFrom(decompressor.Values);
            writer.Values.ConnectFrom(valueQueue.Pop);
        }
        else
        {
            var wide = WideBeat<UInt>.Shape(value, lanes, withCount: false);
            var valueQueue = Instance(new StreamQueue<WideBeat<UInt>>(wide, 4), "value_queue");
            var narrow = Instance(new StreamNarrow<UInt>(value, lanes), "narrow");
            valueQueue.Push.Valid.Assign(decompressor.Values.Valid);
            valueQueue.Push.Payload.Assign(wide.FromBits(decompressor.Values.Payload));
            decompressor.Values.Ready.Assign(valueQueue.Push.Ready);
            narrow.Input.ConnectFrom(valueQueue.Pop);
            writer.Values.ConnectFrom(narrow.Output);
        }

        // ---- reply → line
        writer.StartCodec.Assign(parser.StartCodec);
        writer.StartInfo.Assign(parser.StartInfo);
        writer.Reject.Assign(parser.Reject);
        writer.Count.Assign(parser.Count);
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
