namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Co-simulation of the skid buffer: packets intact, no combinational ready path (at least 100,000 cycles, time-varying random valid/ready).</summary>
public class SkidBufferTests
{
    /// <summary>The skid buffer's contract: no combinational path, so ready depends only on state.</summary>
    private sealed class RegisteredReadyChecker(SkidBuffer skid) : ICycleAgent
    {
        private bool? readyBeforeEdge;

        public void Drive(Simulation s)
        {
            // Inputs for this cycle are poked; the ready seen now must equal the one after settling.
            readyBeforeEdge = null;
        }

        public void Sample(Simulation s)
        {
            var ready = s.PeekBool(skid.Input.Ready);
            s.Poke(skid.Output.Ready, !s.PeekBool(skid.Output.Ready));
            s.Eval();
            if (s.PeekBool(skid.Input.Ready) != ready) throw s.Failure("the input's ready changed combinationally with the output's ready");
            s.Poke(skid.Output.Ready, !s.PeekBool(skid.Output.Ready));
            s.Eval();
            readyBeforeEdge = ready;
        }
    }

    [Fact]
    public void Skid_buffer_passes_packets_intact_with_no_combinational_ready_path()
    {
        var skid = new SkidBuffer(70, withLast: true);
        using var sim = Simulation.Create(VerilogEmitter.Emit(skid));
        var push = new StreamDriver<System.Numerics.BigInteger>(sim.Stream(skid.Input), 5) { IdleSchedule = StallProfile.Stepping(1700).At };
        _ = new StreamReadyRandomizer(sim.Stream(skid.Output), 6) { Schedule = StallProfile.Stepping(2100, 3).ReadyAt };
        var scoreboard = new ScoreboardInOrder<System.Numerics.BigInteger>(new StreamMonitor<System.Numerics.BigInteger>(sim.Stream(skid.Output), collect: false));
        sim.Attach(new RegisteredReadyChecker(skid));
        sim.Reset();
        var rng = new Random(5);
        var total = 0;
        while (total < 90_000)
        {
            var packet = Enumerable.Range(0, rng.Next(1, 9))
                .Select(_ => (new System.Numerics.BigInteger(rng.NextInt64()) << 6) ^ rng.Next(64)).Select(v => v < 0 ? -v : v).ToList();
            push.EnqueuePacket(packet);
            scoreboard.ExpectPacket(packet);
            total += packet.Count;
        }
        sim.RunUntil(() => push.IsDone && scoreboard.IsDone, 2_000_000, "all packets through the skid buffer");
        scoreboard.AssertDone();
        Cosim.AssertRanLongEnough(sim);
    }
}
