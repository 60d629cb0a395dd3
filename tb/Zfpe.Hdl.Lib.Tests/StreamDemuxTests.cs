namespace Zfpe.Hdl.Lib.Tests;

/// <summary>The demux, by select signal and by a tag field: each beat reaches its output only, in order.</summary>
public class StreamDemuxTests
{
    /// <summary>A payload that names its destination: 8 bits of data and a 2-bit port (the tag).</summary>
    public sealed class Routed : Bundle
    {
        public UInt Data { get; }
        public UInt Port { get; }

        private Routed(Fields f) : base(f)
        {
            Data = f.UInt(8);
            Port = f.UInt(2);
        }

        public static Shape<Routed> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new Routed(f));
    }

    /// <summary>Sets the select from the offered beat's destination (bits 8-9), or at random while nothing is offered.</summary>
    private sealed class SelectFromPayload(StreamDemux<Routed> demux, int seed) : ICycleAgent
    {
        private readonly Random random = new(seed);

        public void Drive(Simulation s) =>
            s.Poke(demux.Select!, s.PeekBool(demux.Input.Valid) ? s.Peek(demux.Input.Payload) >> 8 : (ulong)random.Next(4));

        public void Sample(Simulation simulation)
        {
        }
    }

    /// <summary>At most one output valid, and never one but the destination.</summary>
    private sealed class OneHotChecker(StreamDemux<Routed> demux) : ICycleAgent
    {
        public void Drive(Simulation simulation)
        {
        }

        public void Sample(Simulation s)
        {
            var valid = demux.Outputs.Count(o => s.PeekBool(o.Valid));
            if (valid > 1) throw s.Failure($"{valid} outputs are valid at once");
            if (s.PeekBool(demux.Input.Valid) && (int)(s.Peek(demux.Input.Payload) >> 8) is var port && port < demux.Outputs.Count && !s.PeekBool(demux.Outputs[port].Valid))
                throw s.Failure($"a beat for output {port} is offered but that output is not valid");
        }
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 3)]
    [InlineData(true, 4)]
    public void Demux_routes_each_beat_to_its_output_in_order(bool byTag, int outputs)
    {
        var demux = byTag ? StreamDemux<Routed>.ByTag(Routed.Shape, outputs, r => r.Port, withLast: true) : new StreamDemux<Routed>(Routed.Shape, outputs, withLast: true);
        using var sim = LintCleanSimulation.Create(demux);
        var bench = new StreamBench(sim, seed: outputs + (byTag ? 10 : 0));
        var input = bench.Source<ulong>(sim.Stream(demux.Input), StallProfile.Stepping(1300));
        var sinks = Enumerable.Range(0, outputs).Select(i => bench.Sink<ulong>(sim.Stream(demux.Outputs[i]), StallProfile.Random(600 + 500 * i, i))).ToList();
        input.Packets = r =>
        {
            var port = (ulong)r.Next(outputs) << 8;
            return Enumerable.Range(0, r.Next(1, 4)).Select(_ => port | (ulong)(uint)r.Next(256)).ToList();
        };
        input.Generated += (v, last) => sinks[(int)(v >> 8)].Expect(v, last);
        if (!byTag) bench.Check(new SelectFromPayload(demux, outputs));
        bench.Check(new OneHotChecker(demux));
        Cosim.AssertLongEnough(bench.Run(Cosim.MinimumCycles));
    }
}
