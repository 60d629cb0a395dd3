namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The fork: every output gets every beat in order; the input moves only when all have it.</summary>
public class StreamForkTests
{
    /// <summary>Counts the copies each output has taken of the current input beat: exactly one each when the input moves.</summary>
    private sealed class CopyChecker(StreamFork<UInt> fork, ForkMode mode) : ICycleAgent
    {
        private readonly bool[] taken = new bool[fork.Outputs.Count];

        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            var inputFires = s.PeekBool(fork.Input.Valid) && s.PeekBool(fork.Input.Ready);
            var fired = 0;
            for (var i = 0; i < taken.Length; i++)
            {
                var fires = s.PeekBool(fork.Outputs[i].Valid) && s.PeekBool(fork.Outputs[i].Ready);
                if (fires && taken[i]) throw s.Failure($"output {i} took the same input beat twice");
                if (fires) fired++;
                taken[i] |= fires;
            }
            if (mode == ForkMode.Lazy && fired != 0 && fired != taken.Length) throw s.Failure($"lazy fork: {fired} of {taken.Length} outputs moved in one cycle");
            if (inputFires)
            {
                if (taken.Any(t => !t)) throw s.Failure("the input beat moved before every output had its copy");
                Array.Clear(taken);
            }
        }
    }

    [Theory]
    [InlineData(ForkMode.Eager, 3)]
    [InlineData(ForkMode.Lazy, 3)]
    [InlineData(ForkMode.Eager, 2)]
    public void Fork_gives_every_output_every_beat_under_random_stalls(ForkMode mode, int outputs)
    {
        var fork = new StreamFork<UInt>(Shape.UInt(12), outputs, mode, withLast: true);
        using var sim = LintCleanSimulation.Create(fork);
        var bench = new StreamBench(sim, seed: (int)mode * 10 + outputs);
        var input = bench.Source<ulong>(sim.Stream(fork.Input), StallProfile.Stepping(1100));
        input.Packets = r => Enumerable.Range(0, r.Next(1, 5)).Select(_ => (ulong)r.Next(1 << 12)).ToList();
        for (var i = 0; i < outputs; i++)
        {
            var output = bench.Sink<ulong>(sim.Stream(fork.Outputs[i]), StallProfile.Random(700 + 300 * i, i));
            bench.Model(input, output, (v, last) => [(v, last)]);
        }
        bench.Check(new CopyChecker(fork, mode));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }
}
