namespace Zfpe.Hdl.Lib.Tests.Support;

/// <summary>A bundle payload for the tests: mixed field kinds, 16 bits (value in bits 0-9, flag bit 10, offset bits 11-15).</summary>
public sealed class Sample : Bundle
{
    private Sample(Fields f) : base(f)
    {
        Value = f.UInt(10);
        Flag = f.Bool();
        Offset = f.SInt(5);
    }

    public UInt Value { get; }
    public Bool Flag { get; }
    public SInt Offset { get; }

    public static Shape<Sample> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new Sample(f));
}
