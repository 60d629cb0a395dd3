using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Examples;

/// <summary>
/// Composition example: each of N input streams is buffered by a <see cref="StreamQueue{T}"/>, a
/// round-robin <see cref="StreamArbiter{T}"/> merges them, and a skid <see cref="StreamStage{T}"/>
/// registers the result. The output payload carries the index of the input it came from in its
/// top bits.
/// </summary>
public sealed class StreamMerge : Component
{
    public readonly IReadOnlyList<Stream<UInt>> Inputs;
    public readonly Stream<UInt> Output;

    public StreamMerge(int inputs, int width, int depth)
    {
        Param("inputs", inputs, 4);
        Param("width", width, 8);
        Param("depth", depth, 16);
        var indexBits = StreamPayloads.BitsFor(inputs);
        Inputs = Enumerable.Range(0, inputs).Select(_ => In.Stream(width)).ToList();
        Output = Out.Stream(width + indexBits);

        var value = Shape.UInt(width);
        var fifos = Enumerable.Range(0, inputs).Select(i => Instance(new StreamQueue<UInt>(value, depth), $"fifo_{i}")).ToList();
        var arbiter = Instance(new StreamArbiter<UInt>(value, inputs), "arbiter");
        var skid = Instance(new StreamStage<UInt>(Shape.UInt(width + indexBits)), "skid");
        for (var i = 0; i < inputs; i++)
        {
            fifos[i].Push.ConnectFrom(Inputs[i]);
            arbiter.Inputs[i].ConnectFrom(fifos[i].Pop);
        }
        skid.Input.Valid.Assign(arbiter.Output.Valid);
        skid.Input.Payload.Assign(Hw.Cat(arbiter.Grant, arbiter.Output.Payload));
        arbiter.Output.Ready.Assign(skid.Input.Ready);
        Output.ConnectFrom(skid.Output);
    }
}
