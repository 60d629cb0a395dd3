using System.Runtime.CompilerServices;

namespace Zfpe.Hdl.Lib.Pipelines;

/// <summary>One stage of a <see cref="Pipeline"/>: where values are computed (<see cref="Let{T}"/>) and read (<c>value[stage]</c>).</summary>
public sealed class PipelineStage
{
    internal PipelineStage(Pipeline pipeline, int index, string name, Bool valid, SourceLocation declared)
    {
        Pipeline = pipeline;
        Index = index;
        Name = name;
        Valid = valid;
        Declared = declared;
    }

    public Pipeline Pipeline { get; }

    /// <summary>0 for the input beat, then 1, 2, ... one register stage each.</summary>
    public int Index { get; }

    public string Name { get; }

    public SourceLocation Declared { get; }

    /// <summary>The stage holds a beat.</summary>
    public Bool Valid { get; }

    /// <summary>The stage's registers take new values at the coming edge (null for the input stage, which has none).</summary>
    public Bool? Load { get; internal init; }

    /// <summary>The stage takes the beat of the stage before at the coming edge when that one is valid (its load, or for a skid stage the register <c>!spare_valid</c>).</summary>
    public Bool? Ready { get; internal init; }

    /// <summary>Skid stages only: the spare register set holds a beat.</summary>
    internal Bool? SpareValid { get; init; }

    /// <summary>Whether this is a <see cref="Pipeline.LockstepStage"/>: it loads with the stage after it.</summary>
    public bool IsLockstep { get; internal init; }

    /// <summary>Whether this is a <see cref="Pipeline.SkidStage"/>.</summary>
    public bool IsSkid => SpareValid is not null;

    /// <summary>The beat in this stage moves on at the coming edge (the next stage loads).</summary>
    public Bool Leaving => Index + 1 < Pipeline.Stages.Count
        ? Valid & Pipeline.Stages[Index + 1].Ready!
        : throw new InvalidOperationException($"stage '{Name}' is the last of pipeline '{Pipeline.Name}': its beat leaves with the output's fire");

    /// <summary>
    /// A value computed in this stage from what the stage holds, under <paramref name="name"/>
    /// (a wire of that name here; registers <c>name_stage</c> in the stages that read it later).
    /// </summary>
    public PipelineValue<T> Let<T>(string name, T value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        var loc = SourceLocation.Of(file, line);
        if (!ReferenceEquals(Current.Component, Pipeline.Owner))
            throw new HdlException(loc, $"values of pipeline '{Pipeline.Name}' are declared in the constructor of {Pipeline.Owner.GetType().Name}");
        var wire = Current.Wire.Of(Shape.Of(value), name, file, line);
        if (wire is Bundle b) b.Assign((Bundle)(IHdlData)value, file, line);
        else ((HdlValue)(IHdlData)wire).Assign((HdlValue)(IHdlData)value, file, line);
        return new PipelineValue<T>(name, this, wire, loc);
    }
}
