namespace Zfpe.Sim.Sdram;

/// <summary>
/// The controller's SDRAM pins as sampled at one rising clock edge, with the bidirectional data bus
/// split as in the Verilated design: <see cref="DqOut"/> is what the controller drives when
/// <see cref="DqOe"/> is set. Control pins are active low, as on the chip.
/// </summary>
public readonly record struct SdramPins
{
    /// <summary>Clock enable; must stay high (power-down and self refresh are not modelled).</summary>
    public bool Cke { get; init; }

    /// <summary>Chip select, active low; high is DESELECT (a NOP).</summary>
    public bool CsN { get; init; }

    /// <summary>Row address strobe, active low.</summary>
    public bool RasN { get; init; }

    /// <summary>Column address strobe, active low.</summary>
    public bool CasN { get; init; }

    /// <summary>Write enable, active low.</summary>
    public bool WeN { get; init; }

    /// <summary>Bank address BA[1:0].</summary>
    public int Ba { get; init; }

    /// <summary>Address A[12:0]: the row for ACTIVE, the column and A10 (auto precharge) for READ/WRITE, A10 = all banks for PRECHARGE, the mode for LOAD MODE.</summary>
    public int A { get; init; }

    /// <summary>Byte masks DQM[1:0] (bit 0 = LDQM, DQ[7:0]); write latency 0, read latency 2.</summary>
    public int Dqm { get; init; }

    /// <summary>The data the controller drives (meaningful when <see cref="DqOe"/>).</summary>
    public ushort DqOut { get; init; }

    /// <summary>The controller drives DQ.</summary>
    public bool DqOe { get; init; }

    /// <summary>Idle pins: CKE high, NOP (CS low, RAS/CAS/WE high), no data.</summary>
    public static SdramPins Nop => new() { Cke = true, CsN = false, RasN = true, CasN = true, WeN = true };

    /// <summary>The pins of <paramref name="command"/> with CKE high and nothing driven on DQ.</summary>
    public static SdramPins For(SdramCommand command, int bank = 0, int address = 0, int dqm = 0)
    {
        var (ras, cas, we) = command switch
        {
            SdramCommand.Nop => (true, true, true),
            SdramCommand.Active => (false, true, true),
            SdramCommand.Read => (true, false, true),
            SdramCommand.Write => (true, false, false),
            SdramCommand.BurstTerminate => (true, true, false),
            SdramCommand.Precharge => (false, true, false),
            SdramCommand.AutoRefresh => (false, false, true),
            SdramCommand.LoadModeRegister => (false, false, false),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "no pin encoding: DESELECT is CsN high"),
        };
        return new SdramPins { Cke = true, CsN = false, RasN = ras, CasN = cas, WeN = we, Ba = bank, A = address, Dqm = dqm };
    }

    /// <summary>The same pins with the controller driving <paramref name="data"/> on DQ.</summary>
    public SdramPins Driving(ushort data) => this with { DqOut = data, DqOe = true };

    /// <summary>The command these pins encode (DESELECT when CS is high).</summary>
    public SdramCommand Command => CsN
        ? SdramCommand.Deselect
        : (RasN, CasN, WeN) switch
        {
            (true, true, true) => SdramCommand.Nop,
            (false, true, true) => SdramCommand.Active,
            (true, false, true) => SdramCommand.Read,
            (true, false, false) => SdramCommand.Write,
            (true, true, false) => SdramCommand.BurstTerminate,
            (false, true, false) => SdramCommand.Precharge,
            (false, false, true) => SdramCommand.AutoRefresh,
            (false, false, false) => SdramCommand.LoadModeRegister,
        };
}
