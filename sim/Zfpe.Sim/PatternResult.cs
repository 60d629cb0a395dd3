using System.Globalization;

namespace Zfpe.Sim;

/// <summary>One run of <see cref="InputPattern"/>: how long it took and the checksum of every output in every cycle.</summary>
public sealed record PatternResult(long Cycles, double Seconds, ulong Checksum)
{
    public double CyclesPerSecond => Seconds > 0 ? Cycles / Seconds : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cycles} cycles in {Seconds:0.000} s = {CyclesPerSecond:0} cycles/s, checksum {Checksum:x16}");
}
