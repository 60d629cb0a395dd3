using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// Merges N input streams into one, granting in round-robin order starting after the last
/// winner, so every waiting input is served within N beats. The output payload carries the
/// winning input's data; <c>Grant</c> gives its index. When <c>lockOnLast</c> is set the streams
/// carry <c>last</c> and a grant is held until the beat with last = 1 (bursts stay whole).
/// Combinational from input valid to output valid (no added latency); put a skid buffer after
/// it to register the output.
/// </summary>
public sealed class RoundRobinArbiter : Component
{
    public readonly IReadOnlyList<Stream<UInt>> Inputs;
    public readonly Stream<UInt> Output;
    public readonly UInt Grant;

    public RoundRobinArbiter(int inputs, int width, bool lockOnLast = false)
    {
        if (inputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "arbiter inputs must be 2..64");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "arbiter width must be at least 1 bit");
        Param("inputs", inputs, 4);
        Param("width", width, 8);
        Param("lock", lockOnLast, false);

        var indexBits = SyncFifo.BitsFor(inputs);
        Inputs = Enumerable.Range(0, inputs).Select(_ => In.Stream(width, lockOnLast)).ToList();
        Output = Out.Stream(width, lockOnLast);
        Grant = Out.UInt(indexBits);

        // The last winner; the search for the next one starts just after it.
        var lastWinner = Reg.UInt(indexBits, reset: (ulong)(inputs - 1), name: "last_winner");
        var locked = lockOnLast ? Reg.Bool(reset: false, name: "locked") : Hw.False;
        var chosen = Wire.UInt(indexBits, "chosen");

        // Priority search, rotated: candidate k (k = 1..N) is input (lastWinner + k) mod N.
        chosen.Assign(lastWinner);
        for (var k = inputs; k >= 1; k--)
        {
            var offset = k;
            var candidate = Rotate(lastWinner, offset, inputs, indexBits);
            When(ValidOf(candidate), () => chosen.Assign(candidate));
        }
        var winner = Wire.UInt(indexBits, "winner");
        winner.Assign(Hw.Mux(locked, lastWinner, chosen));

        Output.Valid.Assign(ValidOf(winner));
        Output.Payload.Assign(Hw.Select(winner, Inputs.Select(s => s.Payload).ToList()));
        if (lockOnLast) Output.Last!.Assign(Hw.Select(winner, Inputs.Select(s => s.Last!).ToList()));
        for (var i = 0; i < inputs; i++)
            Inputs[i].Ready.Assign(Output.Ready & (winner == i));
        Grant.Assign(winner);

        When(Output.Fire, () =>
        {
            lastWinner.Assign(winner);
            if (lockOnLast) locked.Assign(!Output.Last!);
        });

        Bool ValidOf(UInt index) => Hw.Select(index, Inputs.Select(s => s.Valid).ToList());
    }

    private static UInt Rotate(UInt last, int offset, int n, int bits)
    {
        if (offset % n == 0) return last;
        if ((n & (n - 1)) == 0) return last + (offset % n);
        // (last + offset) mod n for a non-power-of-two n, with last < n.
        var sum = last.ZeroExtend(bits + 1) + (offset % n);
        return Hw.Mux(sum >= n, (sum - n).Truncate(bits), sum.Truncate(bits));
    }
}
