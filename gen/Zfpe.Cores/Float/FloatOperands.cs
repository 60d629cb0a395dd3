using Zfpe.Hdl;

namespace Zfpe.Cores.Float;

/// <summary>The operand pair of a float core's input beat: two float32 bit patterns, <c>A</c> in the low 32 bits.</summary>
public sealed class FloatOperands : Bundle
{
    public UInt A { get; }
    public UInt B { get; }

    private FloatOperands(Fields f) : base(f)
    {
        A = f.UInt(32);
        B = f.UInt(32);
    }

    public static Shape<FloatOperands> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new FloatOperands(f));
}
