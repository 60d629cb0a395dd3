using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// One register stage on a typed stream, latency 1 cycle, one beat per cycle.
/// With <c>registeredReady</c> (the default) it is a skid buffer: valid, payload and ready are all
/// registered, so no combinational path crosses it either way (two words of storage; the logic is
/// <see cref="Stream{T}.SkidStage"/>). Without, it is a pipe stage: valid and payload registered,
/// ready combinational from the output's ready (one word; <see cref="Stream{T}.Stage"/>).
/// </summary>
public sealed class StreamStage<T> : Component where T : class, IHdlData
{
    public readonly Stream<T> Input;
    public readonly Stream<T> Output;

    public StreamStage(Shape<T> payload, bool withLast = false, bool registeredReady = true)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Input = In.Stream(payload, withLast);
        Output = Out.Stream(payload, withLast);
        Param("payload", StreamPayloads.Describe(Input.Payload), StreamPayloads.DefaultName);
        Param("last", withLast, false);
        Param("registered_ready", registeredReady, true);
        Output.ConnectFrom(registeredReady ? Input.SkidStage("skid") : Input.Stage("pipe"));
    }
}
