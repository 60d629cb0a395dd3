using System.Runtime.CompilerServices;

namespace Zfpe.Hdl.Lib.Pipelines;

/// <summary>
/// A valid/ready pipeline of register stages, described value by value instead of register by
/// register. Values are declared once, at the stage that computes them (<see cref="PipelineStage.Let{T}"/>),
/// and read at any later stage (<c>value[stage]</c>): the pipeline inserts the registers in between,
/// named <c>value_stage</c>, without reset (datapath registers need none), loaded with their stage.
/// <code>
/// var p = new Pipeline("fixed_point");
/// var input = p.Begin(values);                          // stage 0: the input beat, no registers
/// var word = input.Let("word", values.Payload);
/// var align = p.Stage("align");                         // stage 1: one register slice later
/// var distance = align.Let("distance", largest[align] - word[align][30, 23]);
/// var shift = p.Stage("shift");
/// p.End(fixed, shift, s => word[s] >> distance[s]);     // the output stream, from the last stage
/// </code>
/// Control: every stage has a valid bit and loads when it is empty or its beat moves on
/// (<c>load = !valid | next load</c>), so bubbles collapse under backpressure and the pipeline moves
/// one beat per cycle when the consumer is ready; the input's ready is the first stage's load (it
/// depends combinationally on the output's ready: put a skid stage after the pipeline where that
/// path must be cut). <see cref="Latency"/> is the number of register stages.
/// </summary>
public sealed class Pipeline
{
    private readonly List<PipelineStage> stages = [];
    private Bool? inputValid;
    private Bool? inputReady;
    private bool ended;

    public Pipeline(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Declared = SourceLocation.Of(file, line);
        Owner = Current.Component;
    }

    /// <summary>The pipeline's name: the prefix of its control signals (<c>name_stage_valid</c>).</summary>
    public string Name { get; }

    public SourceLocation Declared { get; }

    internal Component Owner { get; }

    /// <summary>Register stages from the input beat to the output beat: the latency in cycles when nothing stalls.</summary>
    public int Latency => stages.Count - 1;

    public IReadOnlyList<PipelineStage> Stages => stages;

    /// <summary>Stage 0: the beat of <paramref name="input"/> as it arrives (combinational, no registers).</summary>
    public PipelineStage Begin<T>(Stream<T> input, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(input);
        var loc = SourceLocation.Of(file, line);
        if (stages.Count > 0) throw new HdlException(loc, $"pipeline '{Name}' already has its input (Begin at {stages[0].Declared})");
        inputValid = input.Valid;
        inputReady = input.Ready;
        var stage = new PipelineStage(this, 0, "input", input.Valid, loc);
        stages.Add(stage);
        return stage;
    }

    /// <summary>The next register stage: every value read here or later from an earlier stage passes through its registers.</summary>
    public PipelineStage Stage(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var loc = SourceLocation.Of(file, line);
        if (stages.Count == 0) throw new HdlException(loc, $"pipeline '{Name}': call Begin(input) before adding stages");
        if (ended) throw new HdlException(loc, $"pipeline '{Name}' has already ended");
        if (stages.Any(s => s.Name == name)) throw new HdlException(loc, $"pipeline '{Name}' already has a stage '{name}'");
        var load = Current.Wire.Bool($"{Name}_{name}_load", file, line);
        var valid = Current.Reg.Bool(reset: false, enable: load, name: $"{Name}_{name}_valid", file, line);
        valid.Assign(stages[^1].Valid, file, line);
        var stage = new PipelineStage(this, stages.Count, name, valid, loc) { Load = load };
        stages.Add(stage);
        return stage;
    }

    /// <summary>
    /// Drives <paramref name="output"/> from <paramref name="last"/> (the last stage): its valid, the
    /// payload <paramref name="payload"/> computes there, and <paramref name="lastBeat"/> when the stream has <c>last</c>.
    /// Links every stage's load to the output's ready.
    /// </summary>
    public void End<T>(Stream<T> output, PipelineStage last, Func<PipelineStage, T> payload, Func<PipelineStage, Bool>? lastBeat = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(payload);
        var loc = SourceLocation.Of(file, line);
        if (stages.Count == 0) throw new HdlException(loc, $"pipeline '{Name}': call Begin(input) first");
        if (ended) throw new HdlException(loc, $"pipeline '{Name}' has already ended");
        if (!ReferenceEquals(last, stages[^1]))
            throw new HdlException(loc, $"pipeline '{Name}' ends at its last stage '{stages[^1].Name}', not at '{last.Name}'");
        if (output.Last is not null && lastBeat is null)
            throw new HdlException(loc, $"the output stream of pipeline '{Name}' has 'last': say where it comes from (lastBeat: s => last[s])");
        ended = true;
        output.Valid.Assign(last.Valid, file, line);
        var value = payload(last);
        if (output.Payload is Bundle b) b.Assign((Bundle)(IHdlData)value, file, line);
        else ((HdlValue)(IHdlData)output.Payload).Assign((HdlValue)(IHdlData)value, file, line);
        if (output.Last is { } l) l.Assign(lastBeat!(last), file, line);

        // load(k) = !valid(k) | load(k + 1); the stage after the last is the consumer.
        Bool downstream = output.Ready;
        for (var k = stages.Count - 1; k >= 1; k--)
        {
            stages[k].Load!.Assign(!stages[k].Valid | downstream, file, line);
            downstream = stages[k].Load!;
        }
        inputReady!.Assign(downstream, file, line);
    }
}
