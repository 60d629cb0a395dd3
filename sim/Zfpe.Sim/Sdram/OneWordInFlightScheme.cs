using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Sim.Sdram;

/// <summary>
/// The ZFPe authors' memory scheme, as a command script on the chip model: burst length 1 and one
/// request in flight, the row opened and closed for every word (ACTIVE, tRCD, READ or WRITE,
/// PRECHARGE once tRAS and tWR allow, tRP), the next word's ACTIVE only once the previous read word
/// is back and tRC has passed; an AUTO REFRESH between words every tREFI. Every command goes through
/// <see cref="SdramModel"/>, so the schedule is as fast as the datasheet allows and no faster (the
/// model throws otherwise). What `zfpe bench memory` compares the memory system with.
/// </summary>
public static class OneWordInFlightScheme
{
    /// <summary>Cycles from the first word's ACTIVE until the last word is done (its read word sampled, or its row precharged).</summary>
    public static long Cycles(SdramTiming timing, IEnumerable<(bool Write, long Address)> words)
    {
        ArgumentNullException.ThrowIfNull(timing);
        ArgumentNullException.ThrowIfNull(words);
        var chip = new SdramModel(timing, new SdramModelOptions { PowerUpCycles = 1 });
        long edge = 0;
        void At(long when, SdramPins pins)
        {
            while (edge < when)
            {
                chip.Step(SdramPins.Nop);
                edge++;
            }
            chip.Step(pins);
            edge++;
        }

        // Init: PRECHARGE ALL, two AUTO REFRESH, LOAD MODE REGISTER (burst length 1, the part's CL).
        At(1, SdramPins.For(SdramCommand.Precharge, 0, 1 << 10));
        At(edge - 1 + timing.Trp, SdramPins.For(SdramCommand.AutoRefresh));
        At(edge - 1 + timing.Trfc, SdramPins.For(SdramCommand.AutoRefresh));
        At(edge - 1 + timing.Trfc, SdramPins.For(SdramCommand.LoadModeRegister, 0, timing.CasLatency << 4));
        var next = edge - 1 + timing.Tmrd;           // earliest edge for the next ACTIVE
        var nextRefresh = next + timing.RefreshIntervalCycles;
        long start = -1, end = next;
        foreach (var (write, address) in words)
        {
            if (next >= nextRefresh)
            {
                At(next, SdramPins.For(SdramCommand.AutoRefresh));
                next = edge - 1 + timing.Trfc;
                nextRefresh += timing.RefreshIntervalCycles;
            }
            var (bank, row, column) = chip.Decompose(address);
            var active = next;
            if (start < 0) start = active;
            At(active, SdramPins.For(SdramCommand.Active, bank, row));
            var access = active + timing.Trcd;
            At(access, write ? SdramPins.For(SdramCommand.Write, bank, column).Driving((ushort)address) : SdramPins.For(SdramCommand.Read, bank, column));
            var precharge = Math.Max(active + timing.TrasMin, write ? access + timing.Twr : access + 1);
            At(precharge, SdramPins.For(SdramCommand.Precharge, bank, 0));
            var done = write ? precharge + timing.Trp : Math.Max(precharge + timing.Trp, access + timing.CasLatency + 1);
            next = Math.Max(done, active + timing.Trc);
            end = done;
        }
        return start < 0 ? 0 : end - start;
    }
}
