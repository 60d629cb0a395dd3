using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// The board side of a request (PROTOCOL.md): takes the bytes the UART receives, recognises the
/// commands, checks the value count, turns the payload into float32 values for the compressor
/// and checks the request's CRC. It never stalls the receiver (a UART cannot be paused): the
/// values go to a FIFO that holds a whole request. If the line goes quiet for
/// <c>idleTimeoutCycles</c> inside a request, the missing values are sent as +0.0 so the
/// codec still sees whole blocks, and the request is marked truncated. After a bad count the
/// rest of the request is dropped until the line is quiet. Commands are taken only while the
/// responder is idle (the protocol is stop-and-wait).
/// </summary>
public sealed class RequestParser : Component
{
    public readonly Stream<UInt> Bytes;
    public readonly Bool LineError;
    public readonly Bool ResponderIdle;

    /// <summary>The request's values, the IEEE bits of one float32 per beat; <c>last</c> on the final one.</summary>
    public readonly Stream<UInt> Values;

    /// <summary>One-cycle pulses: a codec request with a good count begins; an info request; a codec request with a bad count.</summary>
    public readonly Bool StartCodec, StartInfo, Reject;

    /// <summary>The value count of the current request.</summary>
    public readonly UInt Count;

    /// <summary>The current request has been read to its end (its CRC checked, or truncated); until the next one.</summary>
    public readonly Bool Complete;

    /// <summary>About the current request; cleared when the next begins.</summary>
    public readonly Bool ChecksumMismatch, FramingError, Truncated;

    private enum Phase { Idle, CountLow, CountHigh, Payload, CrcLow, CrcHigh, Discard, Fill }

    public RequestParser(int maxValues, long idleTimeoutCycles)
    {
        if (maxValues is < 4 or > 65532 || maxValues % 4 != 0)
            throw new ArgumentOutOfRangeException(nameof(maxValues), maxValues, $"max values = {maxValues} is out of range: allowed 4..65532 in steps of 4");
        if (idleTimeoutCycles is < 16 or > 1L << 40)
            throw new ArgumentOutOfRangeException(nameof(idleTimeoutCycles), idleTimeoutCycles, $"idle timeout = {idleTimeoutCycles} cycles is out of range: allowed 16..2^40");
        Param("max_values", maxValues, CodecLinkProtocol.MaxValues);
        Param("timeout", idleTimeoutCycles, 10_000_000L);

        Bytes = In.Stream(8, name: "bytes");
        LineError = In.Bool("line_error");
        ResponderIdle = In.Bool("responder_idle");
        Values = Out.Stream(32, withLast: true, name: "values");
        StartCodec = Out.Bool("start_codec");
        StartInfo = Out.Bool("start_info");
        Reject = Out.Bool("reject");
        Count = Out.UInt(16, "count");
        Complete = Out.Bool("complete");
        ChecksumMismatch = Out.Bool("checksum_mismatch");
        FramingError = Out.Bool("framing_error");
        Truncated = Out.Bool("truncated");

        var state = new Fsm<Phase>(Phase.Idle, name: "state");
        var count = Reg.UInt(16, reset: 0, name: "value_count");
        var valuesLeft = Reg.UInt(16, reset: 0, name: "values_left");
        var byteOfValue = Reg.UInt(2, reset: 0, name: "byte_of_value");
        var word = Reg.UInt(24, reset: null, name: "word");
        var crc = Reg.UInt(16, reset: Crc16Ccitt.Initial, name: "crc");
        var crcLow = Reg.UInt(8, reset: null, name: "received_crc_low");
        var complete = Reg.Bool(reset: false, name: "complete_q");
        var mismatch = Reg.Bool(reset: false, name: "mismatch_q");
        var framing = Reg.Bool(reset: false, name: "framing_q");
        var truncated = Reg.Bool(reset: false, name: "truncated_q");
        var startCodec = Reg.Bool(reset: false, name: "start_codec_q");
        var startInfo = Reg.Bool(reset: false, name: "start_info_q");
        var reject = Reg.Bool(reset: false, name: "reject_q");

        // Cycles since the last byte, saturating at the timeout.
        var timerBits = Widths.For(idleTimeoutCycles);
        var quiet = Reg.UInt(timerBits, reset: 0, name: "quiet_cycles");
        var timedOut = quiet == idleTimeoutCycles;
        When(Bytes.Fire, () => quiet.Assign(0UL)).ElseWhen(!timedOut, () => quiet.Assign(quiet + 1));

        Bytes.Ready.Assign(true);
        var data = Bytes.Payload;
        var got = Bytes.Fire;
        var crcNext = Crc16Ccitt.Next(crc, data);
        var received = Hw.Cat(data, crcLow);
        var newCount = Hw.Cat(data, count[7, 0]);
        var countOk = (newCount != 0) & (newCount[1, 0] == 0) & (newCount <= maxValues);

        startCodec.Assign(false);
        startInfo.Assign(false);
        reject.Assign(false);
        When(LineError & !state.Is(Phase.Idle), () => framing.Assign(true));

        // The payload assembles little-endian words; a value leaves with its fourth byte.
        var valueOut = Wire.UInt(32, "value_out");
        var valueValid = Wire.Bool("value_valid");
        valueOut.Assign(Hw.Cat(data, word));
        valueValid.Assign(false);

        state.On(Phase.Idle, () => When(got & ResponderIdle, () =>
        {
            When(data == CodecLinkProtocol.CodecCommand, () =>
            {
                state.Next(Phase.CountLow);
                crc.Assign(Crc16Ccitt.Next(Hw.U(Crc16Ccitt.Initial, 16), data));
                complete.Assign(false);
                mismatch.Assign(false);
                framing.Assign(false);
                truncated.Assign(false);
            }).ElseWhen(data == CodecLinkProtocol.InfoCommand, () => startInfo.Assign(true));
        }));
        state.On(Phase.CountLow, () => When(got, () =>
        {
            count.Assign(Hw.Cat(Hw.U(0, 8), data));
            crc.Assign(crcNext);
            state.Next(Phase.CountHigh);
        }).ElseWhen(timedOut, () => state.Next(Phase.Idle)));
        state.On(Phase.CountHigh, () => When(got, () =>
        {
            count.Assign(newCount);
            valuesLeft.Assign(newCount);
            crc.Assign(crcNext);
            byteOfValue.Assign(0UL);
            When(countOk, () =>
            {
                startCodec.Assign(true);
                state.Next(Phase.Payload);
            }).Otherwise(() =>
            {
                reject.Assign(true);
                state.Next(Phase.Discard);
            });
        }).ElseWhen(timedOut, () => state.Next(Phase.Idle)));
        state.On(Phase.Payload, () => When(got, () =>
        {
            crc.Assign(crcNext);
            byteOfValue.Assign(byteOfValue + 1);
            word.Assign(Hw.Cat(data, word[23, 8]));
            When(byteOfValue == 3, () =>
            {
                valueValid.Assign(true);
                valuesLeft.Assign(valuesLeft - 1);
                When(valuesLeft == 1, () => state.Next(Phase.CrcLow));
            });
        }).ElseWhen(timedOut, () =>
        {
            truncated.Assign(true);
            state.Next(Phase.Fill);
        }));
        state.On(Phase.Fill, () =>
        {
            valueOut.Assign(Hw.U(0, 32));
            valueValid.Assign(true);
            When(Values.Ready, () =>
            {
                valuesLeft.Assign(valuesLeft - 1);
                When(valuesLeft == 1, () =>
                {
                    complete.Assign(true);
                    state.Next(Phase.Idle);
                });
            });
        });
        state.On(Phase.CrcLow, () => When(got, () =>
        {
            crcLow.Assign(data);
            state.Next(Phase.CrcHigh);
        }).ElseWhen(timedOut, () =>
        {
            truncated.Assign(true);
            complete.Assign(true);
            state.Next(Phase.Idle);
        }));
        state.On(Phase.CrcHigh, () => When(got, () =>
        {
            mismatch.Assign(received != crc);
            complete.Assign(true);
            state.Next(Phase.Idle);
        }).ElseWhen(timedOut, () =>
        {
            truncated.Assign(true);
            complete.Assign(true);
            state.Next(Phase.Idle);
        }));
        state.On(Phase.Discard, () => When(timedOut, () => state.Next(Phase.Idle)));

        Values.Valid.Assign(valueValid);
        Values.Payload.Assign(valueOut);
        Values.Last!.Assign(valuesLeft == 1);
        StartCodec.Assign(startCodec);
        StartInfo.Assign(startInfo);
        Reject.Assign(reject);
        Count.Assign(count);
        Complete.Assign(complete);
        ChecksumMismatch.Assign(mismatch);
        FramingError.Assign(framing);
        Truncated.Assign(truncated);
    }
}
