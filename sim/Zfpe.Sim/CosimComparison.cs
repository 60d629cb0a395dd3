using System.Globalization;

namespace Zfpe.Sim;

/// <summary>The same pattern through the bridge and through the plain C++ loop.</summary>
public sealed record CosimComparison(PatternResult Bridge, PatternResult Cpp)
{
    /// <summary>Bridge speed over C++ speed (the issue asks for at least 0.7).</summary>
    public double Ratio => Cpp.CyclesPerSecond > 0 ? Bridge.CyclesPerSecond / Cpp.CyclesPerSecond : 0;

    /// <summary>Both simulated the same thing.</summary>
    public bool ChecksumsMatch => Bridge.Checksum == Cpp.Checksum;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"bridge {Bridge.CyclesPerSecond:0} cycles/s, C++ {Cpp.CyclesPerSecond:0} cycles/s, bridge_vs_cpp={Ratio:0.00}, checksums {(ChecksumsMatch ? "match" : "DIFFER")}");
}
