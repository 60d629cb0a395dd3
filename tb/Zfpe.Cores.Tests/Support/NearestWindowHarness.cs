using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// <see cref="NearestPayloadWindow"/> alone, as the compressor uses it: a stream of lifted
/// coefficients (int32) in, a stream of fields (flag at bit 0, payload above) out. Every int32 can
/// be sent, also those the lift never makes (beyond ±2^30: the high window's top clamp).
/// </summary>
public sealed class NearestWindowHarness : Component
{
    public readonly Stream<UInt> Coefficients;
    public readonly Stream<UInt> Fields;

    public NearestWindowHarness(int b, int split)
    {
        Param("b", b, 5);
        Param("split", split, 28);
        Coefficients = In.Stream(32, name: "coefficients");
        Fields = Out.Stream(b + 1, name: "fields");
        var pipe = new Pipeline("nearest");
        var arrive = pipe.Begin(Coefficients);
        var c = arrive.Let("c", Coefficients.Payload.AsSInt());
        var lifted = pipe.Stage("lifted");
        var compare = pipe.Stage("compare");
        var field = compare.Let("field", NearestPayloadWindow.Build(lifted, compare, "c", c, b, split));
        pipe.End(Fields, pipe.Stage("window"), s => field[s]);
    }
}
