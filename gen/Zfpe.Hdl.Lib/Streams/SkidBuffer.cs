using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// A skid buffer (full register slice): cuts every combinational path between its input and
/// output streams (valid, payload and ready are all registered) while keeping one beat per
/// cycle. Latency 1 cycle; 2 words of storage. The logic is <see cref="Stream.SkidStage"/>.
/// </summary>
public sealed class SkidBuffer : Component
{
    public readonly Stream<UInt> Input;
    public readonly Stream<UInt> Output;

    public SkidBuffer(int width, bool withLast = false)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "skid buffer width must be at least 1 bit");
        Param("width", width, 8);
        Param("last", withLast, false);
        Input = In.Stream(width, withLast);
        Output = Out.Stream(width, withLast);
        Output.ConnectFrom(Input.SkidStage("skid"));
    }
}
