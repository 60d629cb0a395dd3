namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Co-simulation of the round-robin arbiter against a cycle-exact model (at least 100,000 cycles, time-varying random valid/ready).</summary>
public class RoundRobinArbiterTests
{
    /// <summary>A cycle-exact model of the round-robin arbiter, checked every cycle.</summary>
    private sealed class ArbiterModel(RoundRobinArbiter arbiter, int inputs, bool lockOnLast) : ICycleAgent
    {
        private int lastWinner = inputs - 1;
        private bool locked;
        private readonly bool[] valid = new bool[inputs];
        public long Grants { get; private set; }

        public void Drive(Simulation s)
        {
        }

        public void Sample(Simulation s)
        {
            for (var i = 0; i < inputs; i++) valid[i] = s.PeekBool(arbiter.Inputs[i].Valid);
            var winner = lastWinner;
            if (locked) winner = lastWinner;
            else
                for (var k = 1; k <= inputs; k++)
                {
                    var candidate = (lastWinner + k) % inputs;
                    if (valid[candidate])
                    {
                        winner = candidate;
                        break;
                    }
                }
            var grant = (int)s.Peek(arbiter.Grant);
            if (grant != winner) throw s.Failure($"Grant is {grant}, the round-robin model says {winner} (last winner {lastWinner}, locked {locked})");
            if (s.PeekBool(arbiter.Output.Valid) != valid[winner]) throw s.Failure("the output's valid differs from the granted input's valid");
            if (s.Peek(arbiter.Output.Payload) != s.Peek(arbiter.Inputs[winner].Payload)) throw s.Failure("the output's payload is not the granted input's payload");
            var ready = s.PeekBool(arbiter.Output.Ready);
            for (var i = 0; i < inputs; i++)
                if (s.PeekBool(arbiter.Inputs[i].Ready) != (ready && i == winner)) throw s.Failure($"input {i}'s ready is wrong");
            if (valid[winner] && ready)
            {
                lastWinner = winner;
                if (lockOnLast) locked = !s.PeekBool(arbiter.Output.Last!);
                Grants++;
            }
        }
    }

    [Theory]
    [InlineData(3, true, 21)]
    [InlineData(4, false, 22)]
    public void Arbiter_grants_in_round_robin_order_and_keeps_each_stream_in_order(int inputs, bool lockOnLast, int seed)
    {
        var arbiter = new RoundRobinArbiter(inputs, 8, lockOnLast);
        using var sim = Simulation.Create(VerilogEmitter.Emit(arbiter));
        var drivers = Enumerable.Range(0, inputs)
            .Select(i => new StreamDriver<ulong>(sim.Stream(arbiter.Inputs[i]), seed + i) { IdleSchedule = StallProfile.Stepping(900 + 300 * i, i).At })
            .ToList();
        _ = new StreamReadyRandomizer(sim.Stream(arbiter.Output), seed + 50) { Schedule = StallProfile.Stepping(1300, 1).ReadyAt };
        var monitor = new StreamMonitor<ulong>(sim.Stream(arbiter.Output), collect: false);
        var model = sim.Attach(new ArbiterModel(arbiter, inputs, lockOnLast));
        var perInput = Enumerable.Range(0, inputs).Select(_ => new Queue<ulong>()).ToList();
        monitor.BeatFired += beat =>
        {
            // The payload carries the input index in its top bits, so order is checked per input.
            var source = (int)(beat.Payload >> 6);
            if (perInput[source].Count == 0 || perInput[source].Dequeue() != beat.Payload)
                throw sim.Failure($"beat 0x{beat.Payload:x} from input {source} is out of order or unexpected");
        };
        sim.Reset();
        var rng = new Random(seed);
        for (var n = 0; n < 70_000; n++)
        {
            var i = rng.Next(inputs);
            var packetLength = lockOnLast ? rng.Next(1, 5) : 1;
            var packet = Enumerable.Range(0, packetLength).Select(_ => (ulong)((i << 6) | rng.Next(64))).ToList();
            if (lockOnLast) drivers[i].EnqueuePacket(packet);
            else drivers[i].Enqueue(packet[0]);
            foreach (var v in packet) perInput[i].Enqueue(v);
        }
        sim.RunUntil(() => drivers.All(d => d.IsDone), 3_000_000, "every input stream drained");
        Assert.All(perInput, q => Assert.Empty(q));
        Cosim.AssertRanLongEnough(sim);
        Assert.Equal(monitor.Count, model.Grants);
    }
}
