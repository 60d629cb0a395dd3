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
/// path must be cut, or make a stage a <see cref="SkidStage"/>). <see cref="Latency"/> is the number of register stages.
/// <see cref="Begin(Bool, Bool, string, int)"/> and <see cref="End(PipelineStage, Bool, string, int)"/> connect a
/// pipeline to handshakes that are not streams (another pipeline, a buffer).
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

    /// <summary>
    /// Stage 0 from a handshake that is not a port stream: <paramref name="valid"/> says a beat is
    /// offered, and <paramref name="ready"/> (a wire this pipeline drives) that it is taken.
    /// </summary>
    public PipelineStage Begin(Bool valid, Bool ready, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(ready);
        var loc = SourceLocation.Of(file, line);
        if (stages.Count > 0) throw new HdlException(loc, $"pipeline '{Name}' already has its input (Begin at {stages[0].Declared})");
        inputValid = valid;
        inputReady = ready;
        var stage = new PipelineStage(this, 0, "input", valid, loc);
        stages.Add(stage);
        return stage;
    }

    /// <summary>
    /// The next stage as a skid buffer: besides its registers it has a spare set, so that the ready it
    /// gives the stage before is a register (<c>!spare_valid</c>) instead of a function of every later
    /// stage. It cuts the combinational ready path of a long pipeline in two, at the cost of one 2:1
    /// multiplexer per bit carried into it: put it where few bits cross. Latency as a plain stage.
    /// </summary>
    public PipelineStage SkidStage(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        AddStage(name, StageKind.Skid, file, line);

    /// <summary>The next register stage: every value read here or later from an earlier stage passes through its registers.</summary>
    public PipelineStage Stage(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        AddStage(name, StageKind.Plain, file, line);

    /// <summary>
    /// The next register stage, moving in lockstep with the stage after it: its load is that stage's
    /// load (the same net), not <c>!valid | next load</c>. A bubble in it is not squeezed out under
    /// backpressure, but a run of lockstep stages shares one load, one gate from the registers that
    /// decide it, instead of a chain of gates, each driving the clock enables of a whole stage (what
    /// the synthesiser makes of the flat ORs of a long run of plain stages). Throughput with a ready
    /// consumer and latency are those of a plain stage. A pipeline's last stage cannot be lockstep.
    /// </summary>
    public PipelineStage LockstepStage(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        AddStage(name, StageKind.Lockstep, file, line);

    private enum StageKind { Plain, Skid, Lockstep }

    private PipelineStage AddStage(string name, StageKind kind, string file, int line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var loc = SourceLocation.Of(file, line);
        if (stages.Count == 0) throw new HdlException(loc, $"pipeline '{Name}': call Begin(input) before adding stages");
        if (ended) throw new HdlException(loc, $"pipeline '{Name}' has already ended");
        if (stages.Any(s => s.Name == name)) throw new HdlException(loc, $"pipeline '{Name}' already has a stage '{name}'");
        var load = Current.Wire.Bool($"{Name}_{name}_load", file, line);
        var valid = Current.Reg.Bool(reset: false, enable: load, name: $"{Name}_{name}_valid", file, line);
        var before = stages[^1];
        if (kind != StageKind.Skid)
        {
            valid.Assign(before.Valid, file, line);
            var plain = new PipelineStage(this, stages.Count, name, valid, loc) { Load = load, Ready = load, IsLockstep = kind == StageKind.Lockstep };
            stages.Add(plain);
            return plain;
        }
        // The spare holds a beat that arrived while the stage was full and stuck; while it does,
        // the stage before is not ready, and the stage reloads from the spare first.
        var spareValid = Current.Reg.Bool(false, null, $"{Name}_{name}_spare_valid", file, line);
        var ready = Current.Wire.Bool($"{Name}_{name}_ready", file, line);
        ready.Assign(!spareValid, file, line);
        valid.Assign(spareValid | before.Valid, file, line);
        spareValid.Assign(!load & (spareValid | before.Valid), file, line);
        var stage = new PipelineStage(this, stages.Count, name, valid, loc) { Load = load, Ready = ready, SpareValid = spareValid };
        stages.Add(stage);
        return stage;
    }

    /// <summary>
    /// Ends the pipeline at <paramref name="last"/> without an output stream: the beat in the last
    /// stage (its <see cref="PipelineStage.Valid"/> and values) is taken when <paramref name="ready"/> is high.
    /// Links every stage's load to it.
    /// </summary>
    public void End(PipelineStage last, Bool ready, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var loc = SourceLocation.Of(file, line);
        CheckEnd(last, loc);
        ended = true;
        Link(ready, file, line);
    }

    private void CheckEnd(PipelineStage last, SourceLocation loc)
    {
        if (stages.Count == 0) throw new HdlException(loc, $"pipeline '{Name}': call Begin(input) first");
        if (ended) throw new HdlException(loc, $"pipeline '{Name}' has already ended");
        if (!ReferenceEquals(last, stages[^1]))
            throw new HdlException(loc, $"pipeline '{Name}' ends at its last stage '{stages[^1].Name}', not at '{last.Name}'");
        if (last.IsLockstep)
            throw new HdlException(last.Declared, $"pipeline '{Name}' ends at lockstep stage '{last.Name}': the last stage loads on its own valid too (make it a plain Stage)");
    }

    // load(k) = !valid(k) | load(k + 1), the stage after the last being the consumer; written out
    // flat (load(k) = !valid(k) | ... | !valid(n) | ready) up to the next skid stage, whose ready is a
    // register, so that the synthesiser sees shallow OR trees rather than a chain through every stage.
    // A lockstep stage adds no term: its load is the net of the stage after it (or the consumer's ready).
    private void Link(Bool downstreamReady, string file, int line)
    {
        var terms = new List<Bool> { downstreamReady };
        var after = downstreamReady;
        for (var k = stages.Count - 1; k >= 1; k--)
        {
            var stage = stages[k];
            if (stage.IsLockstep)
            {
                stage.Load!.Assign(after, file, line);
                continue;
            }
            terms.Add(!stage.Valid);
            stage.Load!.Assign(OrTree(terms), file, line);
            after = stage.Ready!;
            if (stage.SpareValid is not null) terms = [stage.Ready!];
        }
        inputReady!.Assign(after, file, line);
    }

    private static Bool OrTree(IReadOnlyList<Bool> terms)
    {
        if (terms.Count == 1) return terms[0];
        var half = terms.Count / 2;
        return OrTree(terms.Take(half).ToList()) | OrTree(terms.Skip(half).ToList());
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
        CheckEnd(last, loc);
        if (output.Last is not null && lastBeat is null)
            throw new HdlException(loc, $"the output stream of pipeline '{Name}' has 'last': say where it comes from (lastBeat: s => last[s])");
        ended = true;
        output.Valid.Assign(last.Valid, file, line);
        var value = payload(last);
        if (output.Payload is Bundle b) b.Assign((Bundle)(IHdlData)value, file, line);
        else ((HdlValue)(IHdlData)output.Payload).Assign((HdlValue)(IHdlData)value, file, line);
        if (output.Last is { } l) l.Assign(lastBeat!(last), file, line);

        Link(output.Ready, file, line);
    }
}
