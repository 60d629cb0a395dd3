namespace Zfpe.Flow.Timing;

/// <summary>A pin of a placed cell, as nextpnr names them: the cell instance and the port (e.g. <c>exponent_base_TRELLIS_FF_Q_8</c>, <c>Q</c>).</summary>
public readonly record struct TimingPin(string Cell, string Pin)
{
    public override string ToString() => $"{Cell}/{Pin}";
}
