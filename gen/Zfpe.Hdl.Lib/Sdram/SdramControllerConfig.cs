using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>The parameters of an <see cref="SdramController"/> (the `sdram-ctrl` design).</summary>
public sealed record SdramControllerConfig(
    [property: Parameter("part", "the SDRAM chip (gen/Zfpe.Hdl.Lib/README.md, SDRAM parts)")] SdramPartChoice Part = SdramPartChoice.Is42s16160g_7,
    [property: Parameter("clock-mhz", "the controller and SDRAM clock: every delay is counted in its cycles, CL is the smallest the part allows", Min = 25, Max = 166)] int ClockMhz = 100,
    [property: Parameter("tag-bits", "bits of the tag a read run's words come back with", Min = 1, Max = 8)] int TagBits = 4,
    [property: Parameter("response-depth", "read words the response queue holds; a READ is issued only when its word has a place there", Allowed = [8, 16, 32])] int ResponseDepth = 16)
{
    /// <summary>Bits of a request's <c>WordsMinusOne</c>: runs of 1 to 256 words.</summary>
    public const int LengthBits = 8;

    /// <summary>Refreshes owed before one interrupts a run of requests (the model allows 8).</summary>
    public const int UrgentRefreshes = 4;

    /// <summary>
    /// Test only: timings used instead of the part's at <see cref="ClockMhz"/> (a deliberately
    /// wrong delay shows the chip model catches it). Null: <c>SdramPart.At(ClockMhz)</c>.
    /// </summary>
    public SdramTiming? TimingOverride { get; init; }

    /// <summary>
    /// Not a parameter: set by a board's pin side (<see cref="Ecp5SdramPins"/>). The pins pass one
    /// more register on the way out and one on the way in (the I/O cells' registers), so a read
    /// word reaches the capture register two cycles later; the controller waits for it there.
    /// </summary>
    public bool PinRegisters { get; init; }

    /// <summary>Register stages outside the controller between its pins and the chip, out and back (0 or 2).</summary>
    public int PinStages => PinRegisters ? 2 : 0;

    /// <summary>The chip <see cref="Part"/> names.</summary>
    public SdramPart SdramPart => Part switch
    {
        SdramPartChoice.Is42s16160g_7 => SdramParts.Is42s16160g7,
        SdramPartChoice.Mt48lc16m16a2_6a => SdramParts.Mt48lc16m16a2_6a,
        SdramPartChoice.M12l2561616a_6 => SdramParts.M12l2561616a6,
        SdramPartChoice.As4c32m16sb_7 => SdramParts.As4c32m16sb7,
        _ => throw new ArgumentOutOfRangeException(nameof(Part), Part, "unknown SDRAM part choice"),
    };

    /// <summary>The delays in cycles the controller counts.</summary>
    public SdramTiming Timing => TimingOverride ?? SdramPart.At(ClockMhz);

    /// <summary>Column, bank and row bits of a word address (9 + 2 + 13 = 24 for 32 MB).</summary>
    public int ColumnBits => Log2(SdramPart.Columns);

    public int BankBits => Log2(SdramPart.Banks);

    public int RowBits => Log2(SdramPart.Rows);

    public int AddressBits => ColumnBits + BankBits + RowBits;

    /// <summary>Checks the part fits the controller (the clock against the part is checked by <c>At</c>).</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        var part = SdramPart;
        if (part.DataWidth != 16 || part.Banks != 4 || part.Rows > 8192 || part.Columns > 1024)
            throw new ArgumentException($"part = {part.Name}: the controller drives 16 data bits, 2 bank bits, 13 address bits and columns up to 1024 (A0-A9, A10 is auto precharge)", nameof(Part));
        var t = Timing;
        if (t.CasLatency is not (2 or 3))
            throw new ArgumentException($"CAS latency {t.CasLatency}: the controller supports 2 or 3", nameof(TimingOverride));
        var delays = new[] { t.Trcd, t.Trp, t.Trc, t.TrasMin, t.Twr, t.Trfc, t.Trrd, t.Tmrd };
        if (delays.Any(d => d is < 1 or > 63))
            throw new ArgumentException($"timings {t}: every delay must be 1..63 cycles", nameof(TimingOverride));
    }

    private static int Log2(int value) => System.Numerics.BitOperations.Log2((uint)value);
}
