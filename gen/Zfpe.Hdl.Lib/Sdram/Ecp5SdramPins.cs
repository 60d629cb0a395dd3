using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// The ECP5 side of the SDRAM pins on ULX3S: takes a controller's pins (data bus split into
/// out, enable and in, built with <see cref="SdramControllerConfig.PinRegisters"/>) and drives
/// the board's pins (constraints/ulx3s_v20.lpf names).
/// <list type="bullet">
/// <item><c>sdram_clk</c>: the design clock inverted, from an ODDRX1F (D0 = 0, D1 = 1), so the
/// chip samples in the middle of each cycle, half a period after the I/O registers launched the
/// command and data (gen/Zfpe.Hdl.Lib/README.md, SDRAM, has the timing).</item>
/// <item>Every command, address, mask and data output, and the data bus's tristate, leaves
/// through a register in its I/O cell (<see cref="IoRegister"/>, OFS1P3DX/BX): the same clock-to-pad delay as
/// the clock pin, whatever the placement. The read word is captured by a register in the I/O cell
/// too (IFS1P3DX). That is one cycle out and one in, which the controller counts.</item>
/// <item>The data bus: a BB per bit, its pad an inout port <c>sdram_d</c>. With
/// <c>splitDataBus</c> (simulation: the bridge drives no inout port) the BBs are left out and the
/// pads are <c>sdram_d_out</c>, <c>sdram_d_oe</c> and <c>sdram_d_in</c>; every register stays.</item>
/// </list>
/// Power-up (the configuration's global set): command pins DESELECT (CS#, RAS#, CAS#, WE# high),
/// CKE low, the data bus released.
/// </summary>
public sealed class Ecp5SdramPins : Component
{
    public const int DataBits = 16;

    // ---- the controller's side
    public readonly Bool Cke;
    public readonly Bool CsN;
    public readonly Bool RasN;
    public readonly Bool CasN;
    public readonly Bool WeN;
    public readonly UInt Ba;
    public readonly UInt A;
    public readonly UInt Dqm;
    public readonly UInt DqOut;
    public readonly Bool DqOe;

    /// <summary>The word on the pads at the last edge (the I/O cells' input registers).</summary>
    public readonly UInt DqIn;

    // ---- the board's pins
    public readonly Bool SdramClk;
    public readonly Bool SdramCke;
    public readonly Bool SdramCsn;
    public readonly Bool SdramRasn;
    public readonly Bool SdramCasn;
    public readonly Bool SdramWen;
    public readonly UInt SdramBa;
    public readonly UInt SdramA;
    public readonly UInt SdramDqm;

    /// <summary>The bidirectional data pads (null with a split data bus).</summary>
    public readonly UInt? SdramD;

    /// <summary>With a split data bus: what the FPGA drives, whether it drives, and what the chip drives.</summary>
    public readonly UInt? SdramDOut;
    public readonly Bool? SdramDOe;
    public readonly UInt? SdramDIn;

    public Ecp5SdramPins(bool splitDataBus = false)
    {
        Param("split", splitDataBus, false);
        SplitDataBus = splitDataBus;
        Cke = In.Bool("cke");
        CsN = In.Bool("cs_n");
        RasN = In.Bool("ras_n");
        CasN = In.Bool("cas_n");
        WeN = In.Bool("we_n");
        Ba = In.UInt(2, "ba");
        A = In.UInt(13, "a");
        Dqm = In.UInt(2, "dqm");
        DqOut = In.UInt(DataBits, "dq_out");
        DqOe = In.Bool("dq_oe");
        DqIn = Out.UInt(DataBits, "dq_in");

        SdramClk = Out.Bool("sdram_clk");
        SdramCke = Out.Bool("sdram_cke");
        SdramCsn = Out.Bool("sdram_csn");
        SdramRasn = Out.Bool("sdram_rasn");
        SdramCasn = Out.Bool("sdram_casn");
        SdramWen = Out.Bool("sdram_wen");
        SdramBa = Out.UInt(2, "sdram_ba");
        SdramA = Out.UInt(13, "sdram_a");
        SdramDqm = Out.UInt(2, "sdram_dqm");

        // ---- the clock: low in the first half of each cycle, high in the second
        var clock = Instance(new Oddrx1f(), "clock_out");
        clock.D0.Assign(false);
        clock.D1.Assign(true);
        clock.Rst.Assign(false);
        SdramClk.Assign(clock.Q);

        // ---- command, address and mask: a register in each I/O cell
        SdramCke.Assign(IoRegister(Cke, powerUpHigh: false, "cke_reg"));
        // Until the first edge the controller's registers hold their power-up 0s, not their reset
        // values (CS# low with RAS#, CAS#, WE# low is LOAD MODE REGISTER); the I/O register would
        // take that at the first edge. A flip-flop that powers up set deselects the chip for it.
        var firstEdge = Register(IoRegisterKind.Slice, Hw.False, powerUpHigh: true, "first_edge");
        SdramCsn.Assign(IoRegister(CsN | firstEdge, powerUpHigh: true, "cs_n_reg"));
        SdramRasn.Assign(IoRegister(RasN, powerUpHigh: true, "ras_n_reg"));
        SdramCasn.Assign(IoRegister(CasN, powerUpHigh: true, "cas_n_reg"));
        SdramWen.Assign(IoRegister(WeN, powerUpHigh: true, "we_n_reg"));
        SdramBa.Assign(IoRegisters(Ba, powerUpHigh: false, "ba_reg"));
        SdramA.Assign(IoRegisters(A, powerUpHigh: false, "a_reg"));
        SdramDqm.Assign(IoRegisters(Dqm, powerUpHigh: false, "dqm_reg"));

        // ---- data: output, tristate (high = released) and input registers in each pad's I/O cell
        var driven = Enumerable.Range(0, DataBits).Select(i => IoRegister(DqOut[i], powerUpHigh: false, $"dq_out_reg{i}")).ToList();
        var released = Enumerable.Range(0, DataBits).Select(i => IoRegister(!DqOe, powerUpHigh: true, $"dq_release_reg{i}")).ToList();
        var pads = new List<Bool>();
        if (splitDataBus)
        {
            SdramDOut = Out.UInt(DataBits, "sdram_d_out");
            SdramDOe = Out.Bool("sdram_d_oe");
            SdramDIn = In.UInt(DataBits, "sdram_d_in");
            SdramDOut.Assign(Cat(driven));
            SdramDOe.Assign(!released[0]);      // the 16 tristate registers hold the same bit
            for (var i = 0; i < DataBits; i++) pads.Add(SdramDIn[i]);
        }
        else
        {
            SdramD = InOut.UInt(DataBits, "sdram_d");
            for (var i = 0; i < DataBits; i++)
            {
                var buffer = Instance(new Bb(), $"dq_pad{i}");
                buffer.I.Assign(driven[i]);
                buffer.T.Assign(released[i]);
                Attach(buffer.B, SdramD[i]);
                pads.Add(buffer.O);
            }
        }
        DqIn.Assign(Cat(Enumerable.Range(0, DataBits).Select(i => Register(IoRegisterKind.Input, pads[i], powerUpHigh: false, $"dq_in_reg{i}")).ToList()));
    }

    public bool SplitDataBus { get; }

    private Bool IoRegister(Bool d, bool powerUpHigh, string name) => Register(IoRegisterKind.Output, d, powerUpHigh, name);

    private Bool Register(IoRegisterKind kind, Bool d, bool powerUpHigh, string name)
    {
        var r = Instance(new IoRegister(kind, powerUpHigh), name);
        r.D.Assign(d);
        r.SetClear?.Assign(false);
        r.Enable?.Assign(true);
        return r.Q;
    }

    private UInt IoRegisters(UInt d, bool powerUpHigh, string name) =>
        Cat(Enumerable.Range(0, d.Width).Select(i => IoRegister(d[i], powerUpHigh, $"{name}{i}")).ToList());

    /// <summary>Bits, the first the least significant.</summary>
    private static UInt Cat(IReadOnlyList<Bool> bits) => Hw.Cat(bits.Reverse().Cast<HdlValue>().ToArray());
}
