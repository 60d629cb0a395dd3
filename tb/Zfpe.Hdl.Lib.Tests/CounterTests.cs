using Zfpe.Hdl.Lib.Basic;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>Co-simulation of the counter against a C# model (at least 100,000 cycles, time-varying random valid/ready).</summary>
public class CounterTests
{
    [Fact]
    public void Counter_counts_wraps_at_its_limit_and_clears()
    {
        var counter = new Counter(5, limit: 20);
        using var sim = Simulation.Create(VerilogEmitter.Emit(counter));
        sim.Poke(counter.Enable, false);
        sim.Poke(counter.Clear, false);
        sim.Reset();
        var rng = new Random(3);
        ulong model = 0;
        var wraps = 0;
        for (var cycle = 0; cycle < Cosim.MinimumCycles; cycle++)
        {
            var enable = rng.Next(4) != 0;
            var clear = rng.Next(50) == 0;
            sim.Poke(counter.Enable, enable);
            sim.Poke(counter.Clear, clear);
            sim.Eval();
            Assert.Equal(model, sim.Peek(counter.Count));
            var wrap = enable && model == 19;
            Assert.Equal(wrap, sim.PeekBool(counter.Wrap));
            if (wrap) wraps++;
            sim.Step();
            model = clear ? 0 : enable ? (model + 1) % 20 : model;
        }
        Assert.True(wraps > 1000);
    }
}
