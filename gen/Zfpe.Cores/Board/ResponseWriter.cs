using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// The board side of a reply (PROTOCOL.md): the bytes for the UART transmitter. A codec reply is
/// a header (marker, value count), one record per block (the block's bytes, then its 4 decoded
/// values) and a trailer (status, CRC) sent once the request has been read to its end; a
/// rejected request gets a header with count 0 and the trailer; an info reply is a fixed table.
/// Blocks and values are taken as the records need them, so the compressor and decompressor
/// run ahead only as far as their FIFOs allow.
/// </summary>
public sealed class ResponseWriter : Component
{
    public readonly Bool StartCodec, StartInfo, Reject;
    public readonly UInt Count;
    public readonly Stream<UInt> Blocks;
    public readonly Stream<UInt> Values;
    public readonly Bool RequestComplete, ChecksumMismatch, FramingError, Truncated, NonFinite;

    /// <summary>The reply, for the UART transmitter.</summary>
    public readonly Stream<UInt> Bytes;

    /// <summary>No reply is being sent: a new request may begin.</summary>
    public readonly Bool Idle;

    private enum Phase { Idle, Header, Block, ValueBytes, Wait, Trailer, Info }

    /// <param name="config">The board's parameters: the block size, and what the info reply reports.</param>
    /// <param name="maxValues">The largest value count of a request, for the info reply.</param>
    public ResponseWriter(Ulx3sCodecConfig config, int maxValues)
    {
        ArgumentNullException.ThrowIfNull(config);
        var blockBits = config.Core.BlockBits;
        var blockBytes = CodecLinkProtocol.BlockBytes(blockBits);
        var info = InfoFields(config, maxValues);
        // Everything the info reply reports is part of the hardware (constants in the table).
        Param("b", config.B, 5);
        Param("exponent_bits", config.ExponentBits, 8);
        Param("split", config.Split, 28);
        Param("lanes", config.Lanes, 1);
        Param("divisor", config.Uart.Divisor, 33);
        Param("clock_khz", config.ClockHz / 1000, 100_000L);
        Param("max_values", maxValues, CodecLinkProtocol.MaxValues);

        StartCodec = In.Bool("start_codec");
        StartInfo = In.Bool("start_info");
        Reject = In.Bool("reject");
        Count = In.UInt(16, "count");
        Blocks = In.Stream(blockBits, name: "blocks");
        Values = In.Stream(32, name: "values");
        RequestComplete = In.Bool("request_complete");
        ChecksumMismatch = In.Bool("checksum_mismatch");
        FramingError = In.Bool("framing_error");
        Truncated = In.Bool("truncated");
        NonFinite = In.Bool("non_finite");
        Bytes = Out.Stream(8, name: "bytes");
        Idle = Out.Bool("idle");

        var state = new Fsm<Phase>(Phase.Idle, name: "state");
        var index = Reg.UInt(5, reset: 0, name: "byte_index");
        var recordsLeft = Reg.UInt(15, reset: 0, name: "records_left");
        var rejected = Reg.Bool(reset: false, name: "rejected");
        var crc = Reg.UInt(16, reset: Crc16Ccitt.Initial, name: "crc");

        UInt B(long v) => Hw.U(v, 8);
        var count = Hw.Mux(rejected, Hw.U(0, 16), Count);
        var status = Hw.Mux(rejected, B((long)CodecLinkStatus.BadCount),
            Hw.Cat(Hw.U(0, 4), Truncated, FramingError, ChecksumMismatch, NonFinite));
        var header = new[] { B(CodecLinkProtocol.CodecReply), count[7, 0], count[15, 8] };
        var blockByte = Enumerable.Range(0, blockBytes)
            .Select(i => Blocks.Payload[Math.Min(8 * i + 7, blockBits - 1), 8 * i].Resize(8)).ToList();
        var valueByte = Enumerable.Range(0, 4).Select(i => Values.Payload[8 * i + 7, 8 * i]).ToList();
        var trailer = new[] { status, crc[7, 0], crc[15, 8] };
        var infoBytes = new[] { B(CodecLinkProtocol.InfoReply) }.Concat(info.Select(v => B(v))).Concat([crc[7, 0], crc[15, 8]]).ToList();

        var value = Wire.UInt(8, "byte_out");
        var valid = Wire.Bool("byte_valid");
        var checksummed = Wire.Bool("checksummed");
        value.Assign(Hw.U(0, 8));
        valid.Assign(false);
        checksummed.Assign(false);
        Bytes.Valid.Assign(valid);
        Bytes.Payload.Assign(value);
        var sent = Bytes.Fire;
        Blocks.Ready.Assign(state.Is(Phase.Block) & (index == blockBytes - 1) & Bytes.Ready);
        Values.Ready.Assign(state.Is(Phase.ValueBytes) & (index[1, 0] == 3) & Bytes.Ready);
        When(sent & checksummed, () => crc.Assign(Crc16Ccitt.Next(crc, value)));

        // Each state: the byte it offers (combinational), then where it goes once that byte is sent.
        state.On(Phase.Idle, () =>
        {
            crc.Assign(Crc16Ccitt.Initial);
            index.Assign(0UL);
            When(StartCodec | Reject, () =>
            {
                state.Next(Phase.Header);
                rejected.Assign(Reject);
                recordsLeft.Assign(Count[15, 2].Resize(15));
            }).ElseWhen(StartInfo, () => state.Next(Phase.Info));
        });
        state.On(Phase.Header, () =>
        {
            value.Assign(Hw.Select(index, header));
            valid.Assign(true);
            checksummed.Assign(true);
            When(sent, () =>
            {
                index.Assign(index + 1);
                When(index == 2, () =>
                {
                    index.Assign(0UL);
                    When(rejected, () => state.Next(Phase.Trailer)).Otherwise(() => state.Next(Phase.Block));
                });
            });
        });
        state.On(Phase.Block, () =>
        {
            value.Assign(Hw.Select(index, blockByte));
            valid.Assign(Blocks.Valid);
            checksummed.Assign(true);
            When(sent, () =>
            {
                index.Assign(index + 1);
                When(index == blockBytes - 1, () =>
                {
                    index.Assign(0UL);
                    state.Next(Phase.ValueBytes);
                });
            });
        });
        state.On(Phase.ValueBytes, () =>
        {
            value.Assign(Hw.Select(index[1, 0], valueByte));
            valid.Assign(Values.Valid);
            checksummed.Assign(true);
            When(sent, () =>
            {
                index.Assign(index + 1);
                When(index == 15, () =>
                {
                    index.Assign(0UL);
                    recordsLeft.Assign(recordsLeft - 1);
                    When(recordsLeft == 1, () => state.Next(Phase.Wait)).Otherwise(() => state.Next(Phase.Block));
                });
            });
        });
        state.On(Phase.Wait, () => When(RequestComplete, () => state.Next(Phase.Trailer)));
        state.On(Phase.Trailer, () =>
        {
            value.Assign(Hw.Select(index, trailer));
            valid.Assign(true);
            checksummed.Assign(index == 0);
            When(sent, () =>
            {
                index.Assign(index + 1);
                When(index == 2, () => state.Next(Phase.Idle));
            });
        });
        state.On(Phase.Info, () =>
        {
            value.Assign(Hw.Select(index, infoBytes));
            valid.Assign(true);
            checksummed.Assign(index < infoBytes.Count - 2);
            When(sent, () =>
            {
                index.Assign(index + 1);
                When(index == infoBytes.Count - 1, () => state.Next(Phase.Idle));
            });
        });
        Idle.Assign(state.Is(Phase.Idle));
    }

    /// <summary>The info reply's fields between marker and CRC (PROTOCOL.md), for <paramref name="config"/>.</summary>
    public static byte[] InfoFields(Ulx3sCodecConfig config, int maxValues)
    {
        var divisor = config.Uart.Divisor;
        var khz = (uint)Math.Round(config.ClockHz / 1000.0);
        return
        [
            CodecLinkProtocol.Version, (byte)config.B, (byte)config.ExponentBits, (byte)config.Split, (byte)config.Lanes,
            (byte)maxValues, (byte)(maxValues >> 8), (byte)divisor, (byte)(divisor >> 8),
            (byte)khz, (byte)(khz >> 8), (byte)(khz >> 16), (byte)(khz >> 24),
        ];
    }
}
