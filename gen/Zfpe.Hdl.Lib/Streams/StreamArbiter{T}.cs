using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// N streams to one, the output taking the granted input (valid, payload, last); <see cref="Grant"/>
/// is its index (concatenate it to the payload to route responses back with a tag
/// <see cref="StreamDemux{T}.ByTag"/>). Policies: <see cref="ArbiterPolicy.RoundRobin"/> or
/// <see cref="ArbiterPolicy.Priority"/>. With <c>lockFragments</c> (streams with last) a grant
/// is held from a fragment's first beat until its last beat has moved, so fragments are never
/// interleaved. The choice is made every cycle among the valid inputs (a request may be
/// withdrawn only as the stream rules allow: never, once valid). Combinational from the inputs'
/// valid to the output (no latency); put a <see cref="StreamStage{T}"/> after it to register it.
/// <para>
/// With <c>registeredGrant</c> the grant is a register instead: while no input holds it, the
/// arbiter picks among the valid inputs and stores the winner; from the next cycle the output is
/// that input (valid, payload and last through a multiplexer whose select is a register), until
/// its fragment's last beat (every beat without <c>lockFragments</c>) has moved. So no path runs
/// from an input's valid through the choice into the output, at the cost of one idle cycle each
/// time the grant changes hands: meant for long fragments (bursts), where that cycle is rare.
/// </para>
/// </summary>
public sealed class StreamArbiter<T> : Component where T : class, IHdlData
{
    public readonly IReadOnlyList<Stream<T>> Inputs;
    public readonly Stream<T> Output;
    public readonly UInt Grant;

    public StreamArbiter(Shape<T> payload, int inputs, ArbiterPolicy policy = ArbiterPolicy.RoundRobin, bool lockFragments = false, bool registeredGrant = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (inputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "arbiter inputs must be 2..64");
        Inputs = Enumerable.Range(0, inputs).Select(_ => In.Stream(payload, lockFragments)).ToList();
        Output = Out.Stream(payload, lockFragments);
        var indexBits = StreamPayloads.BitsFor(inputs);
        Grant = Out.UInt(indexBits);
        Param("payload", StreamPayloads.Describe(Output.Payload), StreamPayloads.DefaultName);
        Param("inputs", inputs, 4);
        Param("policy", policy, ArbiterPolicy.RoundRobin);
        Param("lock", lockFragments, false);
        Param("registered_grant", registeredGrant, false);

        var lastWinner = Reg.UInt(indexBits, reset: (ulong)(inputs - 1), name: "last_winner");
        var chosen = Wire.UInt(indexBits, "chosen");

        // Candidates in falling priority; the last When that fires wins, so assign lowest priority first.
        chosen.Assign(lastWinner);
        for (var k = inputs; k >= 1; k--)
        {
            var candidate = policy == ArbiterPolicy.RoundRobin ? After(lastWinner, k, inputs, indexBits) : Hw.U(k - 1, indexBits);
            When(ValidOf(candidate), () => chosen.Assign(candidate));
        }
        if (registeredGrant)
        {
            // lastWinner is the grant while one is held; the next choice starts after it.
            var held = Reg.Bool(reset: false, name: "granted");
            Output.Valid.Assign(held & ValidOf(lastWinner));
            StreamPayloads.Assign(Output.Payload, Hw.Select(lastWinner, Inputs.Select(s => s.Payload).ToList()));
            Output.Last?.Assign(Hw.Select(lastWinner, Inputs.Select(s => s.Last!).ToList()));
            for (var i = 0; i < inputs; i++) Inputs[i].Ready.Assign(Output.Ready & held & (lastWinner == i));
            Grant.Assign(lastWinner);
            var anyValid = Inputs.Select(s => s.Valid).Aggregate((a, b) => a | b);
            When(held, () => When(Output.Fire & (lockFragments ? Output.Last! : Hw.True), () => held.Assign(false)))
                .ElseWhen(anyValid, () =>
                {
                    lastWinner.Assign(chosen);
                    held.Assign(true);
                });
            return;
        }
        var locked = lockFragments ? Reg.Bool(reset: false, name: "locked") : Hw.False;
        var winner = Wire.UInt(indexBits, "winner");
        winner.Assign(Hw.Mux(locked, lastWinner, chosen));

        Output.Valid.Assign(ValidOf(winner));
        StreamPayloads.Assign(Output.Payload, Hw.Select(winner, Inputs.Select(s => s.Payload).ToList()));
        Output.Last?.Assign(Hw.Select(winner, Inputs.Select(s => s.Last!).ToList()));
        for (var i = 0; i < inputs; i++) Inputs[i].Ready.Assign(Output.Ready & (winner == i));
        Grant.Assign(winner);

        When(Output.Fire, () =>
        {
            lastWinner.Assign(winner);
            if (lockFragments) locked.Assign(!Output.Last!);
        });

        Bool ValidOf(UInt index) => Hw.Select(index, Inputs.Select(s => s.Valid).ToList());
    }

    /// <summary>(last + offset) mod n, for last &lt; n.</summary>
    private static UInt After(UInt last, int offset, int n, int bits)
    {
        if (offset % n == 0) return last;
        if ((n & (n - 1)) == 0) return last + (offset % n);
        var sum = last.ZeroExtend(bits + 1) + (offset % n);
        return Hw.Mux(sum >= n, (sum - n).Truncate(bits), sum.Truncate(bits));
    }
}
