using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// N streams to one by a select signal: the output is input <see cref="Select"/> (valid, payload,
/// last), and only that input sees the output's ready; the others wait. A select beyond the last
/// input selects nothing (output not valid). Combinational, no latency. Change the select only
/// between fragments when the streams carry last. For a select that follows the inputs' requests,
/// use <see cref="StreamArbiter{T}"/>; to route by a field of the payload, <see cref="StreamDemux{T}"/>.
/// </summary>
public sealed class StreamMux<T> : Component where T : class, IHdlData
{
    public readonly UInt Select;
    public readonly IReadOnlyList<Stream<T>> Inputs;
    public readonly Stream<T> Output;

    public StreamMux(Shape<T> payload, int inputs, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (inputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "mux inputs must be 2..64");
        Select = In.UInt(StreamPayloads.BitsFor(inputs));
        Inputs = Enumerable.Range(0, inputs).Select(_ => In.Stream(payload, withLast)).ToList();
        Output = Out.Stream(payload, withLast);
        Param("payload", StreamPayloads.Describe(Output.Payload), StreamPayloads.DefaultName);
        Param("inputs", inputs, 2);
        Param("last", withLast, false);

        var inRange = (inputs & (inputs - 1)) == 0 ? Hw.True : Select < inputs;
        Output.Valid.Assign(inRange & Hw.Select(Select, Inputs.Select(s => s.Valid).ToList()));
        StreamPayloads.Assign(Output.Payload, Hw.Select(Select, Inputs.Select(s => s.Payload).ToList()));
        Output.Last?.Assign(Hw.Select(Select, Inputs.Select(s => s.Last!).ToList()));
        for (var i = 0; i < inputs; i++) Inputs[i].Ready.Assign(Output.Ready & (Select == i));
    }
}
