using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>The parameters of a <see cref="TrueDualPortRam"/>.</summary>
public sealed record TrueDualPortRamConfig(
    [property: Parameter("width", "word width in bits, whole 9-bit bytes (DP16KD blocks side by side: one per 18 bits)", Allowed = [9, 18, 27, 36, 45, 54, 63, 72])] int Width = 36,
    [property: Parameter("write-mode-a", "port A's read data in a cycle it writes: 0 keeps the old read (NORMAL), 1 the written word (WRITETHROUGH), 2 the word before the write (READBEFOREWRITE)", Min = 0, Max = 2)] int WriteModeA = 2,
    [property: Parameter("write-mode-b", "port B's, as write-mode-a", Min = 0, Max = 2)] int WriteModeB = 2,
    [property: Parameter("output-register", "1: the block RAM's output register (read latency 2, shorter clock-to-out); 0: read latency 1")] bool OutputRegister = true)
{
    /// <summary>Bits per byte enable: DP16KD's ×18 mode has two 9-bit bytes.</summary>
    public const int ByteBits = 9;

    public const int Depth = Dp16kd.Depth;
    public const int AddressBits = 10;

    public int Bytes => Width / ByteBits;

    /// <summary>DP16KD blocks side by side.</summary>
    public int Blocks => (Width + Dp16kd.Width - 1) / Dp16kd.Width;

    public int ReadLatency => OutputRegister ? 2 : 1;
}
