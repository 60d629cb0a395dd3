using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Timing;

/// <summary>
/// A signal (and bit) of the design as the C# names it: the hierarchical instance path (empty at
/// the top), the signal name, the bit, what it is (null when the design has no source map), the
/// C# location that declared it, and for an expression part the signal it was hoisted from (for
/// an instance port wire, the instance).
/// </summary>
public sealed record SourceSignal(string Instance, string Name, int? Bit, SourceMapSignalKind? Kind, string? CSharp, string? PartOf = null)
{
    /// <summary>The signal without its bit: <c>link.decompressor.inverse_fixed_point_0.float_bits</c>.</summary>
    public string FullName => Instance.Length == 0 ? Name : $"{Instance}.{Name}";

    public override string ToString() => Bit is { } b ? $"{FullName}[{b}]" : FullName;

    /// <summary>The kind in words: "register", "expression part of float_bits", ...</summary>
    public string? KindText => Kind switch
    {
        null => null,
        SourceMapSignalKind.MemoryReadData => "memory read data",
        SourceMapSignalKind.InstancePort => PartOf is null ? "instance port" : $"port of instance {PartOf}",
        SourceMapSignalKind.ExpressionPart => PartOf is null ? "part of an expression" : $"part of {PartOf}",
        { } k => k.ToString().ToLowerInvariant(),
    };
}
