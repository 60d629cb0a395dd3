using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>One ulx3s-memtest pass's result: its number (from 0), how many words read back differed from the pattern, the first such word's address (0 when none), and whether none did.</summary>
public sealed class MemtestResult : Bundle
{
    public const int PassBits = 16;
    public const int ErrorBits = 28;

    public UInt Pass { get; }
    public UInt Errors { get; }
    public UInt FirstBad { get; }

    /// <summary>No word differed (a register: the LEDs and the report need no 28-bit zero test).</summary>
    public Bool Clean { get; }

    private MemtestResult(Fields f, int addressBits) : base(f)
    {
        Pass = f.UInt(PassBits);
        Errors = f.UInt(ErrorBits);
        FirstBad = f.UInt(addressBits);
        Clean = f.Bool();
    }

    public static Shape<MemtestResult> Shape(int addressBits) => Zfpe.Hdl.Shape.Of(f => new MemtestResult(f, addressBits));
}
