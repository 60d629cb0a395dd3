using System.Runtime.CompilerServices;
using Zfpe.Hdl;

namespace Zfpe.Cores.Codec;

/// <summary>
/// One register stage of a valid/ready pipeline: a valid bit and a load enable that every
/// register of the stage shares. A stage loads when it is empty or its content moves on
/// (<c>load = !valid | downstream load</c>), so bubbles collapse under backpressure and the
/// pipeline runs one beat per cycle whenever the consumer is ready.
/// </summary>
internal sealed class PipelineStage
{
    private PipelineStage(Bool valid, Bool load)
    {
        Valid = valid;
        Load = load;
    }

    /// <summary>The stage holds a beat.</summary>
    public Bool Valid { get; }

    /// <summary>The stage's registers take new values at the coming edge.</summary>
    public Bool Load { get; }

    /// <summary>Declares the stage's valid register and load wire, named <c>name_valid</c> and <c>name_load</c>.</summary>
    public static PipelineStage Declare(RegFactory reg, SignalFactory wire, string name,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var load = wire.Bool(name + "_load", file, line);
        var valid = reg.Bool(reset: false, enable: load, name: name + "_valid", file, line);
        return new PipelineStage(valid, load);
    }

    /// <summary>Wires the stage: it takes <paramref name="upstreamValid"/> and is emptied when <paramref name="downstreamLoad"/> is high.</summary>
    public void Link(Bool upstreamValid, Bool downstreamLoad,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Load.Assign(!Valid | downstreamLoad, file, line);
        Valid.Assign(upstreamValid, file, line);
    }

    /// <summary>The stage's beat moves on at the coming edge.</summary>
    public Bool Leaving(Bool downstreamLoad) => Valid & downstreamLoad;
}
