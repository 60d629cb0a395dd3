namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The mux by select signal: only the selected input moves, each input's beats stay in order.</summary>
public class StreamMuxTests
{
    /// <summary>Drives the select (held for random spans, sometimes out of range) and checks that every output beat is the selected input's.</summary>
    private sealed class SelectDriver(StreamMux<UInt> mux, int inputs, int tagShift, int seed) : ICycleAgent
    {
        private readonly Random random = new(seed);
        private int select;
        public long OutOfRangeCycles { get; private set; }

        public void Drive(Simulation s)
        {
            if (random.Next(20) == 0) select = random.Next(1 << mux.Select.Width);
            s.Poke(mux.Select, (ulong)select);
        }

        public void Sample(Simulation s)
        {
            if (select >= inputs)
            {
                OutOfRangeCycles++;
                if (s.PeekBool(mux.Output.Valid)) throw s.Failure($"select {select} is beyond the {inputs} inputs but the output is valid");
                return;
            }
            if (!s.PeekBool(mux.Output.Valid) || !s.PeekBool(mux.Output.Ready)) return;
            var source = (int)(s.Peek(mux.Output.Payload) >> tagShift);
            if (source != select) throw s.Failure($"a beat of input {source} moved while input {select} was selected");
            for (var i = 0; i < inputs; i++)
                if (i != select && s.PeekBool(mux.Inputs[i].Ready)) throw s.Failure($"input {i} is ready but input {select} is selected");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Mux_moves_only_the_selected_input_and_keeps_each_in_order(int inputs)
    {
        const int width = 10, tagShift = 7; // payload: input index above bit 7
        var mux = new StreamMux<UInt>(Shape.UInt(width), inputs);
        using var sim = LintCleanSimulation.Create(mux);
        var bench = new StreamBench(sim, seed: inputs);
        var output = bench.Sink<ulong>(sim.Stream(mux.Output), lanes: inputs, laneOf: v => (int)(v >> tagShift));
        for (var i = 0; i < inputs; i++)
        {
            var input = bench.Source<ulong>(sim.Stream(mux.Inputs[i]), StallProfile.Stepping(800 + 300 * i, i));
            var tag = (ulong)i << tagShift;
            input.Packets = r => [tag | (ulong)(uint)r.Next(1 << tagShift)];
            bench.Model(input, output, (v, _) => [(v, null)]);
        }
        var select = bench.Check(new SelectDriver(mux, inputs, tagShift, inputs));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
        if (inputs == 3) Assert.True(select.OutOfRangeCycles > 1000);
    }
}
