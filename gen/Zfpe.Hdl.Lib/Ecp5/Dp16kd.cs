using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>How a block RAM port's read data behaves in a cycle in which the same port writes.</summary>
public enum RamWriteMode
{
    /// <summary>The read data keeps its previous value (DP16KD WRITEMODE "NORMAL").</summary>
    Normal,

    /// <summary>The read data is the word as written, unwritten bytes unchanged ("WRITETHROUGH").</summary>
    WriteThrough,

    /// <summary>The read data is the word before the write ("READBEFOREWRITE").</summary>
    ReadBeforeWrite,
}

/// <summary>
/// The ECP5 block RAM primitive DP16KD in true dual-port ×18 mode: 1024 words of 18 bits, two
/// independent read/write ports A and B, each with two byte enables (9-bit bytes) that DP16KD
/// takes on address pins AD1 and AD0 (the word address is AD13..AD4). Both ports are clocked by the
/// instantiating component's clock. <c>outputRegister</c> adds the primitive's output register
/// (REGMODE "OUTREG": read latency 2 instead of 1, and a much shorter clock-to-out path). For
/// simulation see <see cref="Ecp5SimulationModels"/>. Only the low <c>readBits</c> data outputs
/// are connected (the others, and the unused inputs of the ×18 mode, are left to their ties).
/// </summary>
public sealed class Dp16kd : BlackBox
{
    public const int Width = 18;
    public const int Depth = 1024;
    public const int AddressPins = 14;

    public readonly DpPort A;
    public readonly DpPort B;

    public Dp16kd(RamWriteMode writeModeA, RamWriteMode writeModeB, bool outputRegister, int readBits = Width) : base("DP16KD")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readBits, Width);
        Parameter("DATA_WIDTH_A", Width);
        Parameter("DATA_WIDTH_B", Width);
        Parameter("REGMODE_A", outputRegister ? "OUTREG" : "NOREG");
        Parameter("REGMODE_B", outputRegister ? "OUTREG" : "NOREG");
        Parameter("RESETMODE", "SYNC");
        Parameter("ASYNC_RESET_RELEASE", "SYNC");
        Parameter("CSDECODE_A", "0b000");
        Parameter("CSDECODE_B", "0b000");
        Parameter("WRITEMODE_A", Mode(writeModeA));
        Parameter("WRITEMODE_B", Mode(writeModeB));
        Parameter("GSR", "DISABLED");
        A = new DpPort(this, "A", readBits);
        B = new DpPort(this, "B", readBits);
        OutputRegister = outputRegister;
    }

    public bool OutputRegister { get; }

    /// <summary>Cycles from an address to its read data: 1, or 2 with the output register.</summary>
    public int ReadLatency => OutputRegister ? 2 : 1;

    private static string Mode(RamWriteMode mode) => mode switch
    {
        RamWriteMode.Normal => "NORMAL",
        RamWriteMode.WriteThrough => "WRITETHROUGH",
        RamWriteMode.ReadBeforeWrite => "READBEFOREWRITE",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown write mode"),
    };

    /// <summary>The pins of one port (suffix A or B).</summary>
    public sealed class DpPort
    {
        internal DpPort(Dp16kd ram, string port, int readBits)
        {
            DataIn = Enumerable.Range(0, Width).Select(i => ram.In.Bool($"DI{port}{i}")).ToList();
            Address = Enumerable.Range(0, AddressPins).Select(i => ram.In.Bool($"AD{port}{i}")).ToList();
            ClockEnable = ram.In.Bool($"CE{port}");
            OutputClockEnable = ram.In.Bool($"OCE{port}");
            ram.ClockPin($"CLK{port}");
            WriteEnable = ram.In.Bool($"WE{port}");
            ChipSelect = Enumerable.Range(0, 3).Select(i => ram.In.Bool($"CS{port}{i}")).ToList();
            Reset = ram.In.Bool($"RST{port}");
            DataOut = Enumerable.Range(0, readBits).Select(i => ram.Out.Bool($"DO{port}{i}")).ToList();
        }

        public IReadOnlyList<Bool> DataIn { get; }
        public IReadOnlyList<Bool> Address { get; }
        public Bool ClockEnable { get; }
        public Bool OutputClockEnable { get; }
        public Bool WriteEnable { get; }
        public IReadOnlyList<Bool> ChipSelect { get; }
        public Bool Reset { get; }
        public IReadOnlyList<Bool> DataOut { get; }
    }
}
