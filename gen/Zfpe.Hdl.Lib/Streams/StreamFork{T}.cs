using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// One stream to N: every output receives every input beat (payload and last), in order; the input
/// beat is taken once all outputs have taken it. <see cref="ForkMode.Eager"/> (default) lets each
/// output take its copy independently (one flag register per output); <see cref="ForkMode.Lazy"/>
/// moves a beat only in a cycle where all outputs are ready. No latency in either mode.
/// </summary>
public sealed class StreamFork<T> : Component where T : class, IHdlData
{
    public readonly Stream<T> Input;
    public readonly IReadOnlyList<Stream<T>> Outputs;

    public StreamFork(Shape<T> payload, int outputs, ForkMode mode = ForkMode.Eager, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (outputs is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "fork outputs must be 2..64");
        Input = In.Stream(payload, withLast);
        Outputs = Enumerable.Range(0, outputs).Select(_ => Out.Stream(payload, withLast)).ToList();
        Param("payload", StreamPayloads.Describe(Input.Payload), StreamPayloads.DefaultName);
        Param("outputs", outputs, 2);
        Param("mode", mode, ForkMode.Eager);
        Param("last", withLast, false);

        foreach (var o in Outputs)
        {
            StreamPayloads.Assign(o.Payload, Input.Payload);
            o.Last?.Assign(Input.Last!);
        }

        if (mode == ForkMode.Lazy)
        {
            var allReady = Outputs.Select(o => o.Ready).Aggregate((a, b) => a & b);
            Input.Ready.Assign(allReady);
            for (var i = 0; i < outputs; i++)
            {
                var others = Outputs.Where((_, j) => j != i).Select(o => o.Ready).Aggregate((a, b) => a & b);
                Outputs[i].Valid.Assign(Input.Valid & others);
            }
            return;
        }

        // Eager: taken[i] says output i already has the current input beat.
        var taken = Enumerable.Range(0, outputs).Select(i => Reg.Bool(reset: false, name: $"taken_{i}")).ToList();
        var done = Enumerable.Range(0, outputs).Select(i => taken[i] | Outputs[i].Ready).Aggregate((a, b) => a & b);
        Input.Ready.Assign(done);
        for (var i = 0; i < outputs; i++)
        {
            var t = taken[i];
            var o = Outputs[i];
            o.Valid.Assign(Input.Valid & !t);
            When(Input.Fire, () => t.Assign(false))
                .ElseWhen(o.Fire, () => t.Assign(true));
        }
    }
}
