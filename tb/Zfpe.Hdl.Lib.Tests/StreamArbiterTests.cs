namespace Zfpe.Hdl.Lib.Tests;

/// <summary>
/// The arbiter: each input's beats in order, the grant as the policy says (a cycle-exact model),
/// and, with the lock, a fragment never interleaved with another input's beats; with a registered
/// grant, the choice made while none is held and kept until the fragment (or beat) has moved.
/// </summary>
public class StreamArbiterTests
{
    private const int Width = 10, TagShift = 7; // payload: input index above bit 7

    /// <summary>The policy, cycle by cycle: which input must be granted given the valid inputs.</summary>
    private sealed class GrantModel(StreamArbiter<UInt> arbiter, ArbiterPolicy policy, bool locking, bool registered) : ICycleAgent
    {
        private readonly int inputs = arbiter.Inputs.Count;
        private readonly bool[] valid = new bool[arbiter.Inputs.Count];
        private int lastWinner = arbiter.Inputs.Count - 1;
        private bool locked, held;

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            for (var i = 0; i < inputs; i++) valid[i] = s.PeekBool(arbiter.Inputs[i].Valid);
            var winner = lastWinner;
            if (!locked && !registered) winner = Choice();
            var grant = (int)s.Peek(arbiter.Grant);
            if (registered)
            {
                // The grant is a register: chosen while none is held, offered from the next cycle.
                if (grant != lastWinner) throw s.Failure($"Grant is {grant}, the registered {policy} model says {lastWinner} (held {held})");
                var outputReady = s.PeekBool(arbiter.Output.Ready);
                for (var i = 0; i < inputs; i++)
                    if (s.PeekBool(arbiter.Inputs[i].Ready) != (held && outputReady && i == lastWinner)) throw s.Failure($"input {i}'s ready is wrong (grant {lastWinner}, held {held})");
                if (s.PeekBool(arbiter.Output.Valid) != (held && valid[lastWinner])) throw s.Failure($"the output's valid is not the held grant's (held {held})");
                if (held)
                {
                    if (valid[lastWinner] && outputReady && (!locking || s.PeekBool(arbiter.Output.Last!))) held = false;
                }
                else if (valid.Any(v => v))
                {
                    lastWinner = Choice();
                    held = true;
                }
                return;
            }
            if (grant != winner) throw s.Failure($"Grant is {grant}, the {policy} model says {winner} (last winner {lastWinner}, locked {locked})");
            var ready = s.PeekBool(arbiter.Output.Ready);
            for (var i = 0; i < inputs; i++)
                if (s.PeekBool(arbiter.Inputs[i].Ready) != (ready && i == winner)) throw s.Failure($"input {i}'s ready is wrong (grant {winner})");
            if (s.PeekBool(arbiter.Output.Valid) != valid[winner]) throw s.Failure("the output's valid is not the granted input's");
            if (valid[winner] && ready)
            {
                lastWinner = winner;
                if (locking) locked = !s.PeekBool(arbiter.Output.Last!);
            }
        }

        private int Choice()
        {
            for (var k = 1; k <= inputs; k++)
            {
                var candidate = policy == ArbiterPolicy.RoundRobin ? (lastWinner + k) % inputs : k - 1;
                if (valid[candidate]) return candidate;
            }
            return lastWinner;
        }
    }

    /// <summary>The property: once a fragment's first beat has moved, every output beat until its last comes from the same input.</summary>
    private sealed class NoInterleaving(StreamArbiter<UInt> arbiter) : ICycleAgent
    {
        private int owner = -1;
        public long Fragments { get; private set; }

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            if (!s.PeekBool(arbiter.Output.Valid) || !s.PeekBool(arbiter.Output.Ready)) return;
            var source = (int)(s.Peek(arbiter.Output.Payload) >> TagShift);
            if (owner >= 0 && source != owner) throw s.Failure($"a beat of input {source} interleaved into input {owner}'s fragment");
            owner = s.PeekBool(arbiter.Output.Last!) ? -1 : source;
            if (owner < 0) Fragments++;
        }
    }

    [Theory]
    [InlineData(ArbiterPolicy.RoundRobin, true, 3, false)]
    [InlineData(ArbiterPolicy.RoundRobin, false, 4, false)]
    [InlineData(ArbiterPolicy.Priority, true, 4, false)]
    [InlineData(ArbiterPolicy.Priority, false, 3, false)]
    [InlineData(ArbiterPolicy.RoundRobin, true, 5, true)]
    [InlineData(ArbiterPolicy.RoundRobin, false, 3, true)]
    [InlineData(ArbiterPolicy.Priority, true, 3, true)]
    public void Arbiter_follows_its_policy_and_keeps_fragments_whole(ArbiterPolicy policy, bool locking, int inputs, bool registered)
    {
        var arbiter = new StreamArbiter<UInt>(Shape.UInt(Width), inputs, policy, locking, registered);
        using var sim = LintCleanSimulation.Create(arbiter);
        var bench = new StreamBench(sim, seed: inputs * 10 + (locking ? 1 : 0) + (int)policy * 100 + (registered ? 1000 : 0));
        var output = bench.Sink<ulong>(sim.Stream(arbiter.Output), StallProfile.Stepping(1300, 1), lanes: inputs, laneOf: v => (int)(v >> TagShift));
        for (var i = 0; i < inputs; i++)
        {
            var input = bench.Source<ulong>(sim.Stream(arbiter.Inputs[i]), StallProfile.Random(900 + 300 * i, i));
            var tag = (ulong)i << TagShift;
            input.Packets = r => Enumerable.Range(0, locking ? r.Next(1, 7) : 1).Select(_ => tag | (ulong)(uint)r.Next(1 << TagShift)).ToList();
            bench.Model(input, output, (v, last) => [(v, locking ? last : null)]);
        }
        bench.Check(new GrantModel(arbiter, policy, locking, registered));
        var fragments = locking ? bench.Check(new NoInterleaving(arbiter)) : null;
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
        if (fragments is not null) Assert.True(fragments.Fragments > 5_000, $"only {fragments.Fragments} fragments");
    }
}
