using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// N streams to one (zip): an output beat carries one beat of every input (input i in
/// <c>Items[i]</c>) and moves when all inputs are valid and the output is ready; then every input
/// beat is taken in that cycle. With last, the output's last is input 0's (the inputs are meant to
/// carry fragments of equal length). Combinational, no latency.
/// </summary>
public sealed class StreamJoin<T> : Component where T : class, IHdlData
{
    public readonly IReadOnlyList<Stream<T>> Inputs;
    public readonly Stream<Zipped<T>> Output;

    public StreamJoin(Shape<T> payload, int inputs, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (inputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "join inputs must be 2..64");
        Inputs = Enumerable.Range(0, inputs).Select(_ => In.Stream(payload, withLast)).ToList();
        Output = Out.Stream(Zipped<T>.Shape(payload, inputs), withLast);
        Param("payload", StreamPayloads.Describe(Inputs[0].Payload), StreamPayloads.DefaultName);
        Param("inputs", inputs, 2);
        Param("last", withLast, false);

        var allValid = Inputs.Select(s => s.Valid).Aggregate((a, b) => a & b);
        Output.Valid.Assign(allValid);
        for (var i = 0; i < inputs; i++)
        {
            StreamPayloads.Assign(Output.Payload.Items[i], Inputs[i].Payload);
            Inputs[i].Ready.Assign(Output.Ready & allValid);
        }
        Output.Last?.Assign(Inputs[0].Last!);
    }
}
