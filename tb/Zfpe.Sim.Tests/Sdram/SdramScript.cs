using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim.Sdram;

namespace Zfpe.Sim.Tests.Sdram;

/// <summary>
/// Hand-written command sequences for <see cref="SdramModel"/>: one method per command, NOPs in
/// between, every word the chip drives recorded with the edge it is sampled at.
/// </summary>
internal sealed class SdramScript
{
    public const int PowerUp = 10;

    public SdramScript(SdramTiming timing, bool collect = false, int turnaround = 1)
    {
        Model = new SdramModel(timing, new SdramModelOptions { PowerUpCycles = PowerUp, CollectViolations = collect, BusTurnaroundCycles = turnaround });
    }

    public SdramScript(string part = "IS42S16160G-7", double mhz = 100, bool collect = false)
        : this(SdramParts.ByName(part).At(mhz), collect)
    {
    }

    public SdramModel Model { get; }

    /// <summary>A script on <paramref name="timing"/> (default: IS42S16160G-7 at 100 MHz) past the init sequence, with the mode given.</summary>
    public static SdramScript Ready(SdramTiming? timing = null, int burstLength = 4, bool interleaved = false, bool fullPage = false, bool collect = false)
    {
        var script = new SdramScript(timing ?? SdramParts.Default.At(100), collect);
        script.Init(burstLength, interleaved: interleaved, fullPage: fullPage);
        return script;
    }

    /// <summary>The edge of the init sequence's first AUTO REFRESH: the refresh rate is counted from it.</summary>
    public long FirstRefresh { get; private set; }

    public SdramTiming T => Model.Timing;

    /// <summary>Every word the chip drove, by the edge the controller samples it at.</summary>
    public Dictionary<long, ushort> Words { get; } = new();

    /// <summary>The edge the next command lands on.</summary>
    public long Now => Model.Cycle;

    public long Step(SdramPins pins)
    {
        var at = Model.Cycle;
        var output = Model.Step(pins);
        if (output.Valid) Words[output.SampledAtCycle] = output.Value;
        return at;
    }

    public void Nop(long cycles = 1)
    {
        for (var i = 0; i < cycles; i++) Step(SdramPins.Nop);
    }

    /// <summary>NOPs until <paramref name="cycle"/> is the next edge.</summary>
    public void Until(long cycle)
    {
        while (Model.Cycle < cycle) Step(SdramPins.Nop);
    }

    public long Active(int bank, int row) => Step(SdramPins.For(SdramCommand.Active, bank, row));

    public long Read(int bank, int column, bool autoPrecharge = false, int dqm = 0) =>
        Step(SdramPins.For(SdramCommand.Read, bank, column | (autoPrecharge ? 1 << 10 : 0), dqm));

    /// <summary>WRITE with its first word; the burst's next words follow with <see cref="Data"/>.</summary>
    public long Write(int bank, int column, ushort first, bool autoPrecharge = false, int dqm = 0) =>
        Step(SdramPins.For(SdramCommand.Write, bank, column | (autoPrecharge ? 1 << 10 : 0), dqm).Driving(first));

    /// <summary>A NOP edge with the controller driving <paramref name="word"/>.</summary>
    public long Data(ushort word, int dqm = 0) => Step((SdramPins.Nop with { Dqm = dqm }).Driving(word));

    public long Precharge(int bank) => Step(SdramPins.For(SdramCommand.Precharge, bank, 0));

    public long PrechargeAll() => Step(SdramPins.For(SdramCommand.Precharge, 0, 1 << 10));

    public long Refresh() => Step(SdramPins.For(SdramCommand.AutoRefresh));

    public long LoadMode(int address) => Step(SdramPins.For(SdramCommand.LoadModeRegister, 0, address));

    public long BurstTerminate() => Step(SdramPins.For(SdramCommand.BurstTerminate));

    /// <summary>NOP with DQM set (to mask read words two edges later).</summary>
    public long Mask(int dqm) => Step(SdramPins.Nop with { Dqm = dqm });

    /// <summary>The datasheet init: power-up wait, PRECHARGE ALL, two AUTO REFRESH, LOAD MODE, each after its delay; returns the first edge ACTIVE is allowed.</summary>
    public long Init(int burstLength = 4, int? casLatency = null, bool interleaved = false, bool fullPage = false, bool singleWrite = false)
    {
        Until(PowerUp);
        var p = PrechargeAll();
        Until(p + T.Trp);
        var r1 = FirstRefresh = Refresh();
        Until(r1 + T.Trfc);
        var r2 = Refresh();
        Until(r2 + T.Trfc);
        var m = LoadMode(new SdramModeRegister(burstLength, fullPage, interleaved, casLatency ?? T.CasLatency, singleWrite).Encode());
        Until(m + T.Tmrd);
        return Now;
    }
}
