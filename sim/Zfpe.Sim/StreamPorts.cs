using Zfpe.Hdl;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// The ports of one stream as the DSL names them: <c>name_valid</c>, <c>name_ready</c>,
/// <c>name_payload</c> and optionally <c>name_last</c>. A stream is an input of the design when its
/// valid is an input (the design consumes it), an output when its valid is an output.
/// </summary>
public sealed class StreamPorts
{
    private StreamPorts(Simulation simulation, string name, SimPort valid, SimPort ready, SimPort payload, SimPort? last)
    {
        Simulation = simulation;
        Name = name;
        Valid = valid;
        Ready = ready;
        Payload = payload;
        Last = last;
    }

    public Simulation Simulation { get; }
    public string Name { get; }
    public SimPort Valid { get; }
    public SimPort Ready { get; }
    public SimPort Payload { get; }
    public SimPort? Last { get; }

    /// <summary>True when the design consumes the stream (the test drives valid and payload).</summary>
    public bool IsInput => Valid.IsInput;

    /// <summary>The ports of a stream member of the simulated top component.</summary>
    internal static StreamPorts Of<T>(Simulation sim, Stream<T> stream) where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(stream);
        var valid = sim.Port(stream.Valid);
        var name = valid.Name.EndsWith("_valid", StringComparison.Ordinal) ? valid.Name[..^"_valid".Length] : valid.Name;
        return new StreamPorts(sim, name, valid, sim.Port(stream.Ready), sim.Port(stream.Payload), stream.Last is null ? null : sim.Port(stream.Last));
    }

    internal static StreamPorts Find(Simulation sim, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        SimPort? Get(string suffix) => sim.Ports.FirstOrDefault(p => p.Name == $"{name}_{suffix}");
        var valid = Get("valid");
        var ready = Get("ready");
        var payload = Get("payload");
        var last = Get("last");
        var missing = new[] { ("valid", valid), ("ready", ready), ("payload", payload) }.Where(x => x.Item2 is null).Select(x => $"{name}_{x.Item1}").ToList();
        if (missing.Count > 0)
        {
            var streams = sim.Ports.Where(p => p.Name.EndsWith("_valid", StringComparison.Ordinal)).Select(p => p.Name[..^"_valid".Length]);
            throw new ArgumentException(
                $"module '{sim.Design.TopModule}' has no stream '{name}': missing {string.Join(", ", missing)}. " +
                $"Streams it has: {string.Join(", ", streams.DefaultIfEmpty("none"))}.", nameof(name));
        }
        var problems = new List<string>();
        if (valid!.Width != 1) problems.Add($"{valid.Name} is {valid.Width} bits, not 1");
        if (ready!.Width != 1) problems.Add($"{ready.Name} is {ready.Width} bits, not 1");
        if (last is not null && last.Width != 1) problems.Add($"{last.Name} is {last.Width} bits, not 1");
        if (ready.IsInput == valid.IsInput) problems.Add($"{valid.Name} and {ready.Name} point the same way");
        if (payload!.IsInput != valid.IsInput) problems.Add($"{payload.Name} and {valid.Name} point different ways");
        if (last is not null && last.IsInput != valid.IsInput) problems.Add($"{last.Name} and {valid.Name} point different ways");
        if (problems.Count > 0)
            throw new ArgumentException($"the ports of stream '{name}' of '{sim.Design.TopModule}' do not form a stream: {string.Join("; ", problems)}.", nameof(name));
        return new StreamPorts(sim, name, valid, ready, payload!, last);
    }

    internal void RequireDirection(bool input, string agent)
    {
        if (IsInput != input)
            throw new ArgumentException(
                $"{agent} needs {(input ? "an input" : "an output")} stream, but '{Name}' is {(IsInput ? "an input" : "an output")} of '{Simulation.Design.TopModule}' " +
                $"({Valid.Name} is an {(Valid.IsInput ? PortDirection.Input : PortDirection.Output)}).");
    }

    public override string ToString() => $"{Name} ({(IsInput ? "input" : "output")} stream, {Payload.Width}-bit payload{(Last is null ? "" : ", last")})";
}
