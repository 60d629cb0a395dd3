namespace Zfpe.Hdl.Lib.Pipelines;

/// <summary>A value of a <see cref="Pipeline"/>: computed in one stage, read in that one or any later one.</summary>
public sealed class PipelineValue<T> where T : class, IHdlData
{
    private readonly Dictionary<int, T> byStage = [];

    internal PipelineValue(string name, PipelineStage origin, T value, SourceLocation declared)
    {
        Name = name;
        Origin = origin;
        Declared = declared;
        byStage[origin.Index] = value;
    }

    public string Name { get; }

    /// <summary>The stage that computes it.</summary>
    public PipelineStage Origin { get; }

    public SourceLocation Declared { get; }

    /// <summary>
    /// The value as <paramref name="stage"/> sees it: registered once per stage since the one that
    /// computed it (the registers are made on first use, named <c>name_stage</c>).
    /// </summary>
    public T this[PipelineStage stage] => Read(stage);

    private T Read(PipelineStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (!ReferenceEquals(Origin.Pipeline, stage.Pipeline))
            throw new HdlException(Declared, $"'{Name}' belongs to pipeline '{Origin.Pipeline.Name}', not '{stage.Pipeline.Name}'");
        if (Origin.Index > stage.Index)
            throw new HdlException(Declared,
                $"'{Name}' is computed in stage '{Origin.Name}' of pipeline '{Origin.Pipeline.Name}', which comes after stage '{stage.Name}' where it is read");
        return At(stage);
    }

    private T At(PipelineStage stage)
    {
        if (byStage.TryGetValue(stage.Index, out var known)) return known;
        var before = At(stage.Pipeline.Stages[stage.Index - 1]);
        T registered;
        if (stage.SpareValid is { } spareValid)
        {
            // Skid stage: the spare takes every beat offered while it is empty; the stage reloads from it first.
            var spare = Current.Reg.Next(before, reset: null, enable: stage.Ready, name: $"{Name}_{stage.Name}_spare", Declared.File, Declared.Line);
            registered = Current.Reg.Next(Hw.Mux(spareValid, spare, before), reset: null, enable: stage.Load, name: $"{Name}_{stage.Name}", Declared.File, Declared.Line);
        }
        else registered = Current.Reg.Next(before, reset: null, enable: stage.Load, name: $"{Name}_{stage.Name}", Declared.File, Declared.Line);
        byStage[stage.Index] = registered;
        return registered;
    }
}
