namespace Zfpe.Sim.Sdram;

/// <summary>What <see cref="SdramModel"/> has seen so far: commands by kind, data beats, row hits.</summary>
public sealed class SdramStatistics
{
    private readonly long[] _commands = new long[Enum.GetValues<SdramCommand>().Length];

    /// <summary>Rising edges stepped.</summary>
    public long Cycles { get; internal set; }

    /// <summary>Words the chip drove on DQ (read beats not masked).</summary>
    public long ReadWords { get; internal set; }

    /// <summary>Words written (write beats with at least one byte not masked).</summary>
    public long WrittenWords { get; internal set; }

    /// <summary>READ or WRITE commands to a row already open before the previous READ/WRITE to that bank.</summary>
    public long RowHits { get; internal set; }

    /// <summary>READ or WRITE commands that are the first to their row since its ACTIVE.</summary>
    public long RowMisses { get; internal set; }

    /// <summary>Read beats of words never written (they read as 0).</summary>
    public long UnwrittenReads { get; internal set; }

    /// <summary>How many times <paramref name="command"/> was issued.</summary>
    public long Count(SdramCommand command) => _commands[(int)command];

    internal void Add(SdramCommand command) => _commands[(int)command]++;

    /// <summary>One line: the non-zero command counts and the data words.</summary>
    public override string ToString() =>
        string.Join(", ", Enum.GetValues<SdramCommand>().Where(c => Count(c) > 0 && c is not (SdramCommand.Nop or SdramCommand.Deselect))
            .Select(c => $"{c} {Count(c)}"))
        + $"; {ReadWords} words read, {WrittenWords} written, {RowHits} row hits, {RowMisses} misses, {Cycles} cycles";
}
