using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Sim.Sdram;

namespace Zfpe.Sim.Tests.Sdram;

/// <summary>
/// The SDRAM model on hand-written command sequences: legal ones return the data at the right
/// edge; each rule is broken once and caught with its name, cycle, bank and row. Unless a test
/// says otherwise: IS42S16160G-7 at 100 MHz, so CL2, tRCD 2, tRP 2, tRC 6, tRAS 5, tWR 2, tRFC 6,
/// tRRD 2, tMRD 2 cycles, tREFI 781 cycles.
/// </summary>
public sealed class SdramModelTests
{
    private static SdramViolation Caught(Action action) => Assert.Throws<SdramViolationException>(action).Violation;

    /// <summary>The violation is of <paramref name="rule"/>, at that bank and row, and its message starts as given.</summary>
    private static void Expect(SdramViolation v, SdramRule rule, int? bank, int? row, string messageStart)
    {
        Assert.Equal((rule, bank, row), (v.Rule, v.Bank, v.Row));
        Assert.StartsWith(messageStart, v.Message);
    }

    // ---- legal sequences -----------------------------------------------------------------------

    [Theory]
    [InlineData("IS42S16160G-7", 100.0, 2)]
    [InlineData("IS42S16160G-7", 100.0, 3)]     // a longer latency than the clock needs is legal
    [InlineData("IS42S16160G-7", 133.0, 3)]
    [InlineData("MT48LC16M16A2-6A", 143.0, 3)]
    [InlineData("AS4C32M16SB-7", 100.0, 2)]
    public void Init_write_burst_read_back_and_refresh_return_the_data_exactly_CL_cycles_after_READ(string part, double mhz, int cl)
    {
        var s = new SdramScript(part, mhz);
        var start = s.Init(burstLength: 4, casLatency: cl);
        Assert.True(s.Model.Initialized);
        var a = s.Active(1, 0x1a3);
        s.Until(a + s.T.Trcd);
        s.Write(1, 8, 0x1111);
        s.Data(0x2222);
        s.Data(0x3333);
        s.Data(0x4444);
        s.Nop();
        var r = s.Read(1, 8);
        s.Until(r + cl + 6);
        for (var i = 0; i < 4; i++) Assert.Equal((ushort)(0x1111 * (i + 1)), s.Words[r + cl + i]);
        Assert.Equal(new long[] { r + cl, r + cl + 1, r + cl + 2, r + cl + 3 }, s.Words.Keys.Order());
        var p = s.Precharge(1);
        s.Until(p + s.T.Trp);
        var f = s.Refresh();
        s.Until(f + s.T.Trfc);
        Assert.True(start >= SdramScript.PowerUp);
        Assert.Equal(0x3333, s.Model.Peek(1, 0x1a3, 10));
        Assert.Null(s.Model.OpenRow(1));
        Assert.Equal(1, s.Model.Statistics.Count(SdramCommand.Active));
        Assert.Equal((4, 4), (s.Model.Statistics.WrittenWords, s.Model.Statistics.ReadWords));
    }

    [Fact]
    public void Read_data_is_not_driven_before_CL_and_the_bus_is_released_after_the_burst()
    {
        var s = new SdramScript(SdramParts.Default.At(133));     // CL3
        s.Init(burstLength: 2);
        s.Model.Poke(0, 5, 0, 0xbeef);
        s.Model.Poke(0, 5, 1, 0xcafe);
        s.Until(s.Active(0, 5) + 2);
        var r = s.Read(0, 0);
        s.Nop(8);
        Assert.Equal(new Dictionary<long, ushort> { [r + 3] = 0xbeef, [r + 4] = 0xcafe }, s.Words);
    }

    [Fact]
    public void Sequential_and_interleaved_bursts_visit_columns_in_datasheet_order()
    {
        foreach (var interleaved in new[] { false, true })
        {
            var s = SdramScript.Ready(burstLength: 4, interleaved: interleaved);
            for (var c = 0; c < 8; c++) s.Model.Poke(2, 7, c, (ushort)(0x100 + c));
            s.Until(s.Active(2, 7) + 2);
            var r = s.Read(2, 5);
            s.Nop(8);
            ushort[] expected = interleaved ? [0x105, 0x104, 0x107, 0x106] : [0x105, 0x106, 0x107, 0x104];
            Assert.Equal(expected, Enumerable.Range(0, 4).Select(i => s.Words[r + 2 + i]));
        }
    }

    [Fact]
    public void A_READ_interrupts_a_read_burst_after_CL_minus_one_more_words()
    {
        var s = SdramScript.Ready(burstLength: 8);
        for (var c = 0; c < 32; c++) s.Model.Poke(0, 1, c, (ushort)c);
        s.Until(s.Active(0, 1) + 2);
        var r1 = s.Read(0, 0);
        s.Nop();
        var r2 = s.Read(0, 16);     // two edges later: the first burst gives words 0 and 1 (at r1+2, r1+3 = r2+1), then the second
        s.Nop(12);
        Assert.Equal(new ushort[] { 0, 1, 16, 17, 18, 19, 20, 21, 22, 23 }, s.Words.OrderBy(w => w.Key).Select(w => w.Value));
        Assert.Equal(r2 + 2, s.Words.First(w => w.Value == 16).Key);
    }

    [Fact]
    public void BURST_TERMINATE_stops_a_full_page_read_after_CL_minus_one_more_words_and_the_page_wraps()
    {
        var s = SdramScript.Ready(fullPage: true);
        s.Model.Poke(3, 9, 511, 0x5111);
        s.Model.Poke(3, 9, 0, 0x5000);
        s.Until(s.Active(3, 9) + 2);
        var r = s.Read(3, 510);
        s.Nop(3);
        var t = s.BurstTerminate();       // words at r+2..r+4 already out; one more (CL - 1) at t+1
        s.Nop(6);
        Assert.Equal(4, t - r);
        Assert.Equal(new ushort[] { 0, 0x5111, 0x5000, 0 }, s.Words.OrderBy(w => w.Key).Select(w => w.Value));
        Assert.Equal(t + 1, s.Words.Keys.Max());
    }

    [Fact]
    public void Write_DQM_masks_bytes_at_the_same_edge()
    {
        var s = SdramScript.Ready(burstLength: 4);
        for (var c = 0; c < 4; c++) s.Model.Poke(0, 2, c, 0xabcd);
        s.Until(s.Active(0, 2) + 2);
        s.Write(0, 0, 0x1234, dqm: 1);     // low byte kept
        s.Data(0x5678, dqm: 2);            // high byte kept
        s.Data(0x9abc, dqm: 3);            // whole word kept: DQ need not be driven
        s.Data(0xdef0);
        Assert.Equal(new ushort[] { 0x12cd, 0xab78, 0xabcd, 0xdef0 }, Enumerable.Range(0, 4).Select(c => s.Model.Peek(0, 2, c)));
        Assert.Equal(3, s.Model.Statistics.WrittenWords);
    }

    [Fact]
    public void Read_DQM_masks_the_word_two_edges_later()
    {
        var s = SdramScript.Ready(burstLength: 4);
        for (var c = 0; c < 4; c++) s.Model.Poke(1, 3, c, 0x1111);
        s.Until(s.Active(1, 3) + 2);
        var r = s.Read(1, 0, dqm: 3);      // DQM at r masks the word at r+2 (the first, with CL2)
        s.Mask(2);                         // at r+1: the upper byte of the word at r+3
        s.Mask(0);
        s.Mask(1);                         // at r+3: the lower byte of the word at r+5
        s.Nop(4);
        Assert.False(s.Words.ContainsKey(r + 2));
        Assert.Equal(new Dictionary<long, ushort> { [r + 3] = 0x0011, [r + 4] = 0x1111, [r + 5] = 0x1100 }, s.Words);
    }

    [Fact]
    public void Write_with_auto_precharge_closes_the_row_tWR_after_the_last_word()
    {
        var s = SdramScript.Ready(burstLength: 2);
        var a = s.Active(0, 4);
        s.Until(a + 5);
        var w = s.Write(0, 0, 1, autoPrecharge: true);
        s.Data(2);
        s.Until(w + 1 + s.T.Twr + s.T.Trp);      // precharge starts tWR after the last word, then tRP
        s.Active(0, 5);
        Assert.Equal(5, s.Model.OpenRow(0));
    }

    [Fact]
    public void A_WRITE_may_interrupt_a_read_burst_when_DQM_masks_the_words_it_would_collide_with()
    {
        var s = SdramScript.Ready(burstLength: 8);
        s.Until(s.Active(0, 1) + 5);
        var r = s.Read(0, 0);
        s.Mask(3);                           // r+1: masks the word at r+3 (the idle edge the bus turns around in)
        s.Mask(3);                           // r+2: masks the word at r+4 (the WRITE's edge)
        s.Nop();
        var w = s.Write(0, 16, 0xaaaa);      // r+4: the read burst ends; only its word at r+2 was driven
        s.Data(0xbbbb);
        s.BurstTerminate();                  // ends the 8-word write after two words
        s.Nop(12);
        Assert.Equal(new[] { r + 2 }, s.Words.Keys);
        Assert.Equal(r + 4, w);
        Assert.Equal((0xaaaa, 0xbbbb), (s.Model.Peek(0, 1, 16), s.Model.Peek(0, 1, 17)));
    }

    [Fact]
    public void tWR_counts_from_the_last_unmasked_write_word_so_a_masked_tail_may_be_cut_by_PRECHARGE()
    {
        var s = SdramScript.Ready(burstLength: 4);
        s.Until(s.Active(1, 2) + 5);
        var w = s.Write(1, 0, 1);
        s.Data(2);
        s.Data(3, dqm: 3);                   // w+2, w+3 masked: the last written word is at w+1
        s.Step(SdramPins.For(SdramCommand.Precharge, 1, 0, dqm: 3));    // w+3: tWR 2 after w+1
        Assert.Equal(new ushort[] { 1, 2, 0, 0 }, Enumerable.Range(0, 4).Select(c => s.Model.Peek(1, 2, c)));
        Assert.Null(s.Model.OpenRow(1));
        Assert.Equal(w + 4, s.Now);
    }

    [Fact]
    public void A_READ_to_another_bank_starts_the_auto_precharge_of_the_burst_it_interrupts()
    {
        var s = SdramScript.Ready(burstLength: 8);
        var a = s.Active(0, 1);
        s.Until(a + 2);
        s.Active(1, 2);
        s.Until(a + 5);
        s.Read(0, 0, autoPrecharge: true);   // would precharge at a+5+8
        s.Nop();
        var r = s.Read(1, 0);                // interrupts it: bank 0 precharges at r
        s.Until(r + s.T.Trp - 1);
        var v = Caught(() => s.Active(0, 3));
        Expect(v, SdramRule.Trp, 0, 3, $"tRP violated: ACTIVE to bank 0 row 0x3 at cycle {r + 1}, 1 cycles after PRECHARGE at cycle {r}, needs 2");
    }

    [Fact]
    public void Backdoor_load_and_dump_use_row_bank_column_addresses()
    {
        var model = new SdramModel(SdramParts.As4c32m16sb7.At(100));
        Assert.Equal((1, 2, 3), model.Decompose(2L * 4 * 1024 + 1 * 1024 + 3));
        model.Load(1020, [1, 2, 3, 4, 5, 6]);       // crosses from bank 0 into bank 1, same row
        Assert.Equal(5, model.Peek(1, 0, 0));
        Assert.Equal(new ushort[] { 3, 4, 5, 6, 0 }, model.Dump(1022, 5));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Peek(4, 0, 0));
        Assert.Contains("bank out of range: allowed 0..3 for AS4C32M16SB-7", e.Message);
    }

    // ---- one sequence per rule ------------------------------------------------------------------

    [Fact]
    public void A_command_during_the_power_up_wait_is_caught()
    {
        var s = new SdramScript();
        s.Nop(3);
        var v = Caught(() => s.PrechargeAll());
        Assert.Equal((SdramRule.PowerUp, 3L), (v.Rule, v.Cycle));
        Assert.StartsWith("power-up wait: PRECHARGE at cycle 3, before the power-up wait of 10 cycles", v.Message);
    }

    [Fact]
    public void ACTIVE_before_the_second_init_refresh_is_caught_naming_what_is_missing()
    {
        var s = new SdramScript();
        s.Until(SdramScript.PowerUp);
        s.Until(s.PrechargeAll() + 2);
        s.Until(s.Refresh() + 6);
        s.Until(s.LoadMode(new SdramModeRegister(1, false, false, 2, false).Encode()) + 2);
        var v = Caught(() => s.Active(0, 1));
        Assert.Equal(SdramRule.InitSequence, v.Rule);
        Assert.StartsWith($"init sequence incomplete: ACTIVE to bank 0 row 0x1 at cycle {v.Cycle}; missing 2 AUTO REFRESH (1 seen after the PRECHARGE ALL)", v.Message);
    }

    [Fact]
    public void AUTO_REFRESH_before_the_init_PRECHARGE_ALL_is_caught()
    {
        var s = new SdramScript();
        s.Until(SdramScript.PowerUp);
        var v = Caught(() => s.Refresh());
        Assert.Equal(SdramRule.InitSequence, v.Rule);
        Assert.Contains("before the init sequence's PRECHARGE ALL", v.Message);
    }

    [Fact]
    public void ACTIVE_to_a_bank_with_an_open_row_is_caught()
    {
        var s = SdramScript.Ready();
        var a = s.Active(2, 0x10);
        s.Nop(8);
        var v = Caught(() => s.Active(2, 0x11));
        Assert.Equal((SdramRule.CommandLegality, 2, 0x11), (v.Rule, v.Bank, v.Row));
        Assert.Contains($"ACTIVE to bank 2 row 0x11 at cycle {a + 9}: the bank already has row 0x10 open (ACTIVE at cycle {a})", v.Message);
    }

    [Fact]
    public void READ_and_WRITE_to_an_idle_bank_are_caught()
    {
        var s = SdramScript.Ready();
        var read = Caught(() => s.Read(3, 0x20));
        Assert.Equal((SdramRule.CommandLegality, 3), (read.Rule, read.Bank));
        Assert.Contains("READ to bank 3 column 0x20", read.Message);
        Assert.Contains("the bank has no open row", read.Message);
        var write = Caught(() => s.Write(1, 0, 7));
        Assert.Contains("WRITE to bank 1 column 0x0", write.Message);
    }

    [Fact]
    public void AUTO_REFRESH_and_LOAD_MODE_with_a_row_open_are_caught()
    {
        var s = SdramScript.Ready();
        s.Until(s.Active(1, 0x7) + 10);
        var refresh = Caught(() => s.Refresh());
        Assert.Equal((SdramRule.CommandLegality, 1, 0x7), (refresh.Rule, refresh.Bank, refresh.Row));
        Assert.Contains("AUTO REFRESH at cycle", refresh.Message);
        Assert.Contains("needs every bank idle: bank 1 has row 0x7 open", refresh.Message);
        var mode = Caught(() => s.LoadMode(0x20));
        Assert.Contains("LOAD MODE REGISTER at cycle", mode.Message);
    }

    [Fact]
    public void A_command_to_a_bank_during_its_auto_precharge_burst_is_caught()
    {
        var s = SdramScript.Ready(burstLength: 8);
        s.Until(s.Active(0, 3) + 5);
        var r = s.Read(0, 0, autoPrecharge: true);
        var v = Caught(() => s.Read(0, 8));
        Assert.Equal((SdramRule.CommandLegality, 0, 3), (v.Rule, v.Bank, v.Row));
        Assert.Contains($"its precharge starts at cycle {r + 8}", v.Message);
    }

    [Fact]
    public void A_CAS_latency_the_clock_does_not_allow_and_a_reserved_burst_length_are_caught()
    {
        var s = new SdramScript(SdramParts.Default.At(133));
        s.Until(SdramScript.PowerUp);
        s.Until(s.PrechargeAll() + 2);
        var v = Caught(() => s.LoadMode(new SdramModeRegister(4, false, false, 2, false).Encode()));
        Assert.Equal(SdramRule.ModeRegister, v.Rule);
        Assert.Contains("CAS latency 2 is too short for IS42S16160G-7 at 133 MHz (CL2 up to 100 MHz, CL3 up to 142.857 MHz); use CL3", v.Message);

        var reserved = Caught(LoadReservedBurstLength);
        Assert.Contains("burst length code 4 (A2-A0) is reserved", reserved.Message);
    }

    private static void LoadReservedBurstLength()
    {
        var s = new SdramScript();
        s.Until(SdramScript.PowerUp);
        s.Until(s.PrechargeAll() + 2);
        s.LoadMode(0x24);
    }

    [Fact]
    public void tRCD_is_caught_with_the_rule_cycle_bank_and_row()
    {
        var s = SdramScript.Ready();
        var a = s.Active(2, 0x1a3);
        var v = Caught(() => s.Read(2, 0));
        Assert.Equal((SdramRule.Trcd, a + 1, 2, 0x1a3), (v.Rule, v.Cycle, v.Bank, v.Row));
        Assert.StartsWith($"tRCD violated: READ to bank 2 row 0x1a3 at cycle {a + 1}, 1 cycles after ACTIVE at cycle {a}, needs 2", v.Message);
    }

    [Fact]
    public void tRP_is_caught()
    {
        var s = SdramScript.Ready();
        s.Until(s.Active(0, 0x40) + 5);
        var p = s.Precharge(0);
        var v = Caught(() => s.Active(0, 0x41));
        Expect(v, SdramRule.Trp, 0, 0x41, $"tRP violated: ACTIVE to bank 0 row 0x41 at cycle {p + 1}, 1 cycles after PRECHARGE at cycle {p}, needs 2");
    }

    [Fact]
    public void tRP_after_a_read_with_auto_precharge_is_caught()
    {
        var s = SdramScript.Ready(burstLength: 2);
        s.Until(s.Active(1, 0x2) + 5);
        var r = s.Read(1, 0, autoPrecharge: true);     // precharge starts at r + BL
        s.Until(r + 2 + 1);
        var v = Caught(() => s.Active(1, 0x3));
        Assert.Equal(SdramRule.Trp, v.Rule);
        Assert.Contains($"1 cycles after PRECHARGE at cycle {r + 2}, needs 2", v.Message);
    }

    [Fact]
    public void tRAS_min_is_caught_for_PRECHARGE_and_for_auto_precharge()
    {
        var s = SdramScript.Ready();
        var a = s.Active(3, 0x99);
        s.Until(a + 3);
        var v = Caught(() => s.Precharge(3));
        Expect(v, SdramRule.TrasMin, 3, 0x99, $"tRAS min violated: PRECHARGE to bank 3 row 0x99 at cycle {a + 3}, 3 cycles after ACTIVE at cycle {a}, needs 5");

        var ap = SdramScript.Ready(burstLength: 1);
        var a2 = ap.Active(0, 1);
        ap.Until(a2 + 2);
        ap.Read(0, 0, autoPrecharge: true);           // internal precharge at a2 + 3 < a2 + tRAS
        var v2 = Caught(() => ap.Nop(2));
        Assert.Equal(SdramRule.TrasMin, v2.Rule);
        Assert.StartsWith($"tRAS min violated: auto precharge of bank 0 row 0x1 starts at cycle {a2 + 3}", v2.Message);
    }

    [Fact]
    public void tRAS_max_is_caught_when_a_row_stays_open_too_long()
    {
        // 100 us at 100 MHz is 10000 cycles, beyond the refresh limit; a shorter tRAS max reaches the check alone.
        var s = SdramScript.Ready(timing: SdramParts.Default.At(100) with { TrasMax = 40 });
        var a = s.Active(1, 0x55);
        var v = Caught(() => s.Nop(60));
        Assert.Equal((SdramRule.TrasMax, a + 41, 1, 0x55), (v.Rule, v.Cycle, v.Bank, v.Row));
        Assert.StartsWith($"tRAS max violated: bank 1 row 0x55 still open at cycle {a + 41}, 41 cycles after ACTIVE at cycle {a}, allows 40", v.Message);
    }

    [Fact]
    public void tRC_is_caught()
    {
        // On the four parts tRC <= tRAS + tRP at every clock, so the PRECHARGE rules already keep
        // tRC; a longer tRC (as on parts where it is not) reaches this check.
        var s = SdramScript.Ready(timing: SdramParts.Default.At(100) with { Trc = 9 });
        var a = s.Active(0, 1);
        s.Until(a + 5);
        s.Until(s.Precharge(0) + 2);
        var v = Caught(() => s.Active(0, 2));
        Expect(v, SdramRule.Trc, 0, 2, $"tRC violated: ACTIVE to bank 0 row 0x2 at cycle {a + 7}, 7 cycles after the previous ACTIVE to bank 0 at cycle {a}, needs 9");
    }

    [Fact]
    public void tRRD_is_caught()
    {
        var s = SdramScript.Ready(timing: SdramParts.Mt48lc16m16a2_6a.At(143));      // tRRD 2
        var a = s.Active(0, 1);
        var v = Caught(() => s.Active(1, 2));
        Expect(v, SdramRule.Trrd, 1, 2, $"tRRD violated: ACTIVE to bank 1 row 0x2 at cycle {a + 1}, 1 cycles after ACTIVE to bank 0 at cycle {a}, needs 2");
    }

    [Fact]
    public void tWR_is_caught()
    {
        var s = SdramScript.Ready(burstLength: 1);
        s.Until(s.Active(2, 0x30) + 5);
        var w = s.Write(2, 4, 0x77);
        var v = Caught(() => s.Precharge(2));
        Expect(v, SdramRule.Twr, 2, 0x30, $"tWR violated: PRECHARGE to bank 2 row 0x30 at cycle {w + 1}, 1 cycles after the last write data at cycle {w}, needs 2");
    }

    [Fact]
    public void tRFC_is_caught()
    {
        var s = SdramScript.Ready();
        var f = s.Refresh();
        s.Nop(2);
        var v = Caught(() => s.Active(0, 8));
        Expect(v, SdramRule.Trfc, 0, 8, $"tRFC violated: ACTIVE to bank 0 row 0x8 at cycle {f + 3}, 3 cycles after AUTO REFRESH at cycle {f}, needs 6");
        Assert.Equal(SdramRule.Trfc, Caught(() => s.Refresh()).Rule);
    }

    [Fact]
    public void tMRD_is_caught()
    {
        var s = new SdramScript();
        s.Until(SdramScript.PowerUp);
        s.Until(s.PrechargeAll() + 2);
        s.Until(s.Refresh() + 6);
        s.Until(s.Refresh() + 6);
        var m = s.LoadMode(new SdramModeRegister(1, false, false, 2, false).Encode());
        var v = Caught(() => s.Active(1, 9));
        Assert.Equal((SdramRule.Tmrd, m + 1, 1), (v.Rule, v.Cycle, v.Bank));
        Assert.StartsWith($"tMRD violated: ACTIVE to bank 1 row 0x9 at cycle {m + 1}, 1 cycles after LOAD MODE REGISTER at cycle {m}, needs 2", v.Message);
    }

    [Fact]
    public void Refreshes_may_be_postponed_eight_times_but_not_nine()
    {
        var s = SdramScript.Ready();
        s.Refresh();
        // One refresh is due every tREFI from the first init refresh; the two init refreshes and this
        // one cover the first three intervals, eight more may be postponed: the 12th due one is overdue.
        var tRefi = s.T.RefreshIntervalCycles;
        var overdue = s.FirstRefresh + 11 * tRefi;
        s.Until(overdue);
        var v = Caught(() => s.Nop());
        Assert.Equal((SdramRule.RefreshRate, overdue), (v.Rule, v.Cycle));
        Assert.StartsWith($"refresh rate violated at cycle {overdue}: 9 refreshes overdue (one is due every 781 cycles, 8192 per 64 ms; at most 8 may be postponed)", v.Message);
    }

    [Fact]
    public void Refreshing_every_tREFI_for_a_long_time_passes()
    {
        var s = SdramScript.Ready();
        for (var i = 0; i < 40; i++)
        {
            s.Until(s.Refresh() + s.T.RefreshIntervalCycles);
        }
        Assert.Equal(42, s.Model.Statistics.Count(SdramCommand.AutoRefresh));
    }

    [Fact]
    public void Driving_DQ_while_the_chip_drives_read_data_is_contention()
    {
        var s = SdramScript.Ready(burstLength: 1);
        s.Until(s.Active(0, 1) + 5);
        var r = s.Read(0, 0);
        s.Nop();
        var v = Caught(() => s.Write(0, 1, 0xffff));       // at r + CL, the read word's edge
        Assert.Equal((SdramRule.BusContention, r + 2), (v.Rule, v.Cycle));
        Assert.StartsWith($"DQ bus contention at cycle {r + 2}", v.Message);
    }

    [Fact]
    public void Masking_the_read_word_with_DQM_avoids_contention_but_the_bus_needs_a_turnaround_cycle()
    {
        var s = SdramScript.Ready(burstLength: 1);
        s.Until(s.Active(0, 1) + 5);
        var r = s.Read(0, 0, dqm: 3);        // masks the word at r + 2
        s.Nop();
        s.Write(0, 1, 0x0101);               // at r + 2: legal, the chip is silent
        Assert.Empty(s.Words);

        var t = SdramScript.Ready(burstLength: 1);
        t.Until(t.Active(0, 1) + 5);
        var r2 = t.Read(0, 0);
        t.Nop(2);
        var v = Caught(() => t.Write(0, 1, 0x0202));      // r + 3: right after the read word at r + 2
        Assert.Equal((SdramRule.BusTurnaround, r2 + 3), (v.Rule, v.Cycle));
        Assert.StartsWith($"DQ bus turnaround at cycle {r2 + 3}: the controller drives DQ 1 cycle(s) after the chip's last read word (cycle {r2 + 2})", v.Message);
        var ok = SdramScript.Ready(burstLength: 1);
        ok.Until(ok.Active(0, 1) + 5);
        var r3 = ok.Read(0, 0);
        ok.Until(r3 + 4);
        ok.Write(0, 1, 0x0303);              // one idle edge between: legal
        Assert.Equal(0x0303, ok.Model.Peek(0, 1, 1));
    }

    [Fact]
    public void An_unmasked_write_word_without_DQ_driven_is_caught()
    {
        var s = SdramScript.Ready(burstLength: 2);
        s.Until(s.Active(1, 6) + 2);
        var w = s.Write(1, 0, 0x1);
        var v = Caught(() => s.Nop());
        Assert.Equal((SdramRule.WriteDataNotDriven, w + 1, 1, 6), (v.Rule, v.Cycle, v.Bank, v.Row));
        Assert.StartsWith($"write data not driven: word 1 of the WRITE to bank 1 row 0x6 at cycle {w + 1}", v.Message);
    }

    [Fact]
    public void CKE_low_after_power_up_is_caught()
    {
        var s = new SdramScript();
        s.Step(SdramPins.Nop with { Cke = false });      // during the power-up wait: allowed
        s.Until(SdramScript.PowerUp);
        var v = Caught(() => s.Step(SdramPins.Nop with { Cke = false }));
        Assert.Equal(SdramRule.ClockEnable, v.Rule);
    }

    [Fact]
    public void Collecting_violations_keeps_running_and_lists_each_one()
    {
        var s = SdramScript.Ready(timing: SdramParts.Default.At(100), collect: true);
        var a = s.Active(0, 1);
        s.Read(0, 0);                      // tRCD
        s.Active(1, 2);                    // two edges after the first ACTIVE: tRRD met, no violation
        s.Precharge(0);                    // tRAS min
        Assert.Equal(new[] { SdramRule.Trcd, SdramRule.TrasMin }, s.Model.Violations.Select(v => v.Rule));
        Assert.All(s.Model.Violations, v => Assert.True(v.Cycle > a));
        Assert.Contains("(IS42S16160G-7, 100 MHz)", s.Model.Violations[0].Message);
    }
}
