using System.Globalization;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Sim.Sdram;

/// <summary>
/// A cycle-level SDR SDRAM chip for co-simulation, and the judge of every controller test: it
/// decodes the commands on the controller's pins, keeps each bank's state, stores data sparsely,
/// returns read data exactly CL cycles after a READ, and checks every rule of the part's datasheet
/// (see <see cref="SdramRule"/> and sim/Zfpe.Sim/Sdram/README.md). It knows nothing of Verilator:
/// call <see cref="Step"/> once per rising clock edge with the pins sampled at that edge.
/// </summary>
/// <remarks>
/// Data timing: <see cref="Step"/> for edge n returns what the chip drives on DQ until edge n + 1,
/// the word the controller samples at edge n + 1. A READ at edge c returns its first word from the
/// Step of edge c + CL - 1, sampled at c + CL. Write data is taken at the WRITE's edge and the
/// following ones (DQM latency 0); DQM masks read data two edges later (DQM latency 2).
/// Bursts are interrupted as Micron's and ISSI's datasheets say: a READ truncates an earlier read
/// burst after CL - 1 more words, a WRITE truncates it at once (the word at the WRITE's edge must
/// be masked with DQM or it collides), PRECHARGE and BURST TERMINATE stop a read burst after
/// CL - 1 more words and a write burst at once; auto precharge starts BL edges after a READ, tWR
/// after a WRITE's last word, or when a command to another bank interrupts the burst (at once for
/// reads, tWR later for writes). The chip's tRAS min is checked at that internal precharge too.
/// </remarks>
public sealed class SdramModel
{
    private const long Never = long.MinValue / 4;

    private readonly Dictionary<long, ushort> _memory = new();
    private readonly Bank[] _banks;
    private readonly List<SdramViolation> _violations = new();
    private readonly List<Burst> _reads = new(4);
    private Burst? _write;

    private readonly long _powerUpCycles;
    private bool _initPrechargeAll;
    private int _initRefreshes;
    private bool _initModeLoaded;

    private long _lastRefresh = Never;
    private long _lastModeLoad = Never;
    private long _lastActivate = Never;
    private int _lastActivateBank;

    private bool _refreshClockRunning;
    private long _nextRefreshDue;
    private long _refreshBalance;

    private int _dqmPrevious;           // DQM sampled at the previous edge: it masks the word sampled at the next one
    private long _lastChipDriveEdge = Never;
    private SdramDataOut _driving;      // what the chip drives for the current edge (returned by the previous Step)
    private (SdramRule Rule, long Cycle, long Since, long Needed) _late;     // the delay TooSoon found short

    /// <summary>A chip of <paramref name="timing"/>'s part at its clock (see <see cref="SdramPart.At"/>).</summary>
    public SdramModel(SdramTiming timing, SdramModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timing);
        Timing = timing;
        Options = options ?? new SdramModelOptions();
        Options.Validate();
        _powerUpCycles = Options.PowerUpCycles ?? timing.PowerUpCycles;
        _banks = Enumerable.Range(0, timing.Part.Banks).Select(_ => new Bank()).ToArray();
    }

    /// <summary>The part's timings in cycles at the clock the model runs at.</summary>
    public SdramTiming Timing { get; }

    /// <summary>The part.</summary>
    public SdramPart Part => Timing.Part;

    /// <summary>The options the model was built with.</summary>
    public SdramModelOptions Options { get; }

    /// <summary>The edge the next <see cref="Step"/> processes (0 for the first).</summary>
    public long Cycle { get; private set; }

    /// <summary>The mode register, once loaded.</summary>
    public SdramModeRegister? Mode { get; private set; }

    /// <summary>The init sequence is complete: ACTIVE is allowed.</summary>
    public bool Initialized => _initPrechargeAll && _initRefreshes >= 2 && _initModeLoaded;

    /// <summary>The violations seen when <see cref="SdramModelOptions.CollectViolations"/> is set.</summary>
    public IReadOnlyList<SdramViolation> Violations => _violations;

    /// <summary>Commands and words counted so far.</summary>
    public SdramStatistics Statistics { get; } = new();

    /// <summary>Words stored (written at least once through the pins or the backdoor).</summary>
    public int StoredWords => _memory.Count;

    /// <summary>The row open in <paramref name="bank"/>, or null when the bank is idle.</summary>
    public int? OpenRow(int bank) => _banks[CheckBank(bank)].Active ? _banks[bank].Row : null;

    // ---- the clock edge --------------------------------------------------------------------------

    /// <summary>
    /// One rising clock edge with the pins sampled there: decodes and checks the command, takes
    /// write data, and returns what the chip drives on DQ for the next edge.
    /// Throws <see cref="SdramViolationException"/> on a broken rule unless violations are collected.
    /// </summary>
    public SdramDataOut Step(in SdramPins pins)
    {
        var n = Cycle;
        Statistics.Cycles++;
        StartAutoPrecharges(n);
        CheckBus(pins, n);

        var command = pins.Command;
        Statistics.Add(command);
        if (!pins.Cke && n >= _powerUpCycles)
            Violate(SdramRule.ClockEnable, n, null, null, F("CKE low at cycle {0}: power-down and self refresh are not modelled; keep CKE high after the power-up wait", n));
        if (command is not (SdramCommand.Nop or SdramCommand.Deselect) && n < _powerUpCycles)
            Violate(SdramRule.PowerUp, n, null, null, F("{0} at cycle {1}, before the power-up wait of {2} cycles ({3} us at {4} MHz) ended; only NOP/DESELECT are allowed until then",
                Name(command), n, _powerUpCycles, Part.PowerUpMicroseconds, Timing.ClockMhz));

        switch (command)
        {
            case SdramCommand.Active: Activate(pins, n); break;
            case SdramCommand.Read: ReadOrWrite(pins, n, write: false); break;
            case SdramCommand.Write: ReadOrWrite(pins, n, write: true); break;
            case SdramCommand.Precharge: Precharge(pins, n); break;
            case SdramCommand.AutoRefresh: AutoRefresh(n); break;
            case SdramCommand.LoadModeRegister: LoadMode(pins, n); break;
            case SdramCommand.BurstTerminate: BurstTerminate(n); break;
        }

        TakeWriteData(pins, n);
        CheckRowsOpenTooLong(n);
        CheckRefreshRate(n);

        var output = DriveFor(n + 1);
        _dqmPrevious = pins.Dqm;
        _driving = output;
        Cycle = n + 1;
        return output;
    }

    // ---- commands --------------------------------------------------------------------------------

    private void Activate(in SdramPins pins, long n)
    {
        var b = pins.Ba & (_banks.Length - 1);
        var row = pins.A & (Part.Rows - 1);
        var bank = _banks[b];
        if (!RequireInitialized(n, "ACTIVE", b, row)) return;
        CheckTmrd(n, "ACTIVE", b, row);
        if (bank.AutoPrechargeAt != Never)
        {
            Violate(SdramRule.CommandLegality, n, b, row, F("ACTIVE to bank {0} row 0x{1:x} at cycle {2}: the bank's burst with auto precharge (row 0x{3:x}) has not finished; its precharge starts at cycle {4}",
                b, row, n, bank.Row, bank.AutoPrechargeAt));
            return;
        }
        if (bank.Active)
        {
            Violate(SdramRule.CommandLegality, n, b, row, F("ACTIVE to bank {0} row 0x{1:x} at cycle {2}: the bank already has row 0x{3:x} open (ACTIVE at cycle {4}); PRECHARGE it first",
                b, row, n, bank.Row, bank.ActivatedAt));
            return;
        }
        if (TooSoon(SdramRule.Trp, n, bank.PrechargedAt, Timing.Trp)) ReportTooSoon(F("ACTIVE to bank {0} row 0x{1:x}", b, row), "PRECHARGE", b, row);
        if (TooSoon(SdramRule.Trc, n, bank.ActivatedAt, Timing.Trc)) ReportTooSoon(F("ACTIVE to bank {0} row 0x{1:x}", b, row), F("the previous ACTIVE to bank {0}", b), b, row);
        if (_lastActivateBank != b)
            if (TooSoon(SdramRule.Trrd, n, _lastActivate, Timing.Trrd)) ReportTooSoon(F("ACTIVE to bank {0} row 0x{1:x}", b, row), F("ACTIVE to bank {0}", _lastActivateBank), b, row);
        if (TooSoon(SdramRule.Trfc, n, _lastRefresh, Timing.Trfc)) ReportTooSoon(F("ACTIVE to bank {0} row 0x{1:x}", b, row), "AUTO REFRESH", b, row);

        bank.Active = true;
        bank.Row = row;
        bank.ActivatedAt = n;
        bank.ColumnCommands = 0;
        bank.TrasMaxReported = false;
        bank.LastWriteAt = Never;
        _lastActivate = n;
        _lastActivateBank = b;
    }

    private void ReadOrWrite(in SdramPins pins, long n, bool write)
    {
        var name = write ? "WRITE" : "READ";
        var b = pins.Ba & (_banks.Length - 1);
        var bank = _banks[b];
        var column = pins.A & (Part.Columns - 1);
        var autoPrecharge = (pins.A & (1 << 10)) != 0;
        string What() => F("{0}{1} to bank {2}", name, autoPrecharge ? " with auto precharge" : "", b);     // only built for a message
        if (!RequireInitialized(n, name, b, bank.Active ? bank.Row : null)) return;
        CheckTmrd(n, name, b, bank.Active ? bank.Row : null);
        if (bank.AutoPrechargeAt != Never)
        {
            Violate(SdramRule.CommandLegality, n, b, bank.Row, F("{0} row 0x{1:x} at cycle {2}: the bank's burst with auto precharge has not finished (its precharge starts at cycle {3}); no command may interrupt it in its own bank",
                What(), bank.Row, n, bank.AutoPrechargeAt));
            return;
        }
        if (!bank.Active)
        {
            Violate(SdramRule.CommandLegality, n, b, null, F("{0} column 0x{1:x} at cycle {2}: the bank has no open row (idle since the PRECHARGE at cycle {3}); ACTIVE a row first",
                What(), column, n, bank.PrechargedAt == Never ? 0 : bank.PrechargedAt));
            return;
        }
        var mode = Mode!;
        if (TooSoon(SdramRule.Trcd, n, bank.ActivatedAt, Timing.Trcd)) ReportTooSoon(F("{0} row 0x{1:x}", What(), bank.Row), "ACTIVE", b, bank.Row);
        if (autoPrecharge && mode.FullPage)
            Violate(SdramRule.CommandLegality, n, b, bank.Row, F("{0} row 0x{1:x} at cycle {2}: auto precharge is not allowed with full-page bursts", What(), bank.Row, n));

        if (bank.ColumnCommands++ == 0) Statistics.RowMisses++;
        else Statistics.RowHits++;

        var cl = mode.CasLatency;
        foreach (var read in _reads)
            Truncate(read, write ? n : n + cl - 1, n, b);
        if (_write is { } w)
            Truncate(w, n - 1, n, b);

        var length = mode.FullPage ? long.MaxValue / 8 : write && mode.SingleLocationWrite ? 1 : mode.BurstLength;
        var first = write ? n : n + cl;
        var burst = new Burst(b, bank.Row, column, (int)Math.Min(length, Part.Columns), first, first + length - 1, autoPrecharge, write);
        if (write) _write = burst;
        else _reads.Add(burst);
        if (autoPrecharge)
            bank.AutoPrechargeAt = write ? burst.End + Timing.Twr : n + length;
    }

    /// <summary>
    /// Ends <paramref name="burst"/> at <paramref name="lastEdge"/> at the latest because of a
    /// command at <paramref name="n"/> to <paramref name="toBank"/>; an interrupted burst with auto
    /// precharge starts its precharge (at once for a read, tWR later for a write).
    /// </summary>
    private void Truncate(Burst burst, long lastEdge, long n, int toBank)
    {
        if (burst.End <= lastEdge) return;
        burst.End = lastEdge;
        if (burst.AutoPrecharge && burst.Bank != toBank)
        {
            var bank = _banks[burst.Bank];
            var start = burst.IsWrite ? n + Timing.Twr : n;
            if (bank.AutoPrechargeAt != Never && start < bank.AutoPrechargeAt) bank.AutoPrechargeAt = start;
        }
    }

    private void Precharge(in SdramPins pins, long n)
    {
        var all = (pins.A & (1 << 10)) != 0;
        var target = pins.Ba & (_banks.Length - 1);
        CheckTmrd(n, all ? "PRECHARGE ALL" : "PRECHARGE", all ? null : target, null);
        for (var b = 0; b < _banks.Length; b++)
        {
            if (!all && b != target) continue;
            var bank = _banks[b];
            string What() => F("PRECHARGE{0} to bank {1} row 0x{2:x}", all ? " ALL" : "", b, bank.Row);     // only built for a message
            if (bank.AutoPrechargeAt != Never)
            {
                Violate(SdramRule.CommandLegality, n, b, bank.Row, F("{0} at cycle {1}: the bank's burst with auto precharge has not finished (its precharge starts at cycle {2})", What(), n, bank.AutoPrechargeAt));
                continue;
            }
            if (bank.Active)
            {
                if (TooSoon(SdramRule.TrasMin, n, bank.ActivatedAt, Timing.TrasMin)) ReportTooSoon(What(), "ACTIVE", b, bank.Row);
                if (TooSoon(SdramRule.Twr, n, bank.LastWriteAt, Timing.Twr)) ReportTooSoon(What(), "the last write data", b, bank.Row);
                foreach (var read in _reads)
                    if (read.Bank == b) Truncate(read, n + (Mode?.CasLatency ?? 2) - 1, n, b);
                if (_write is { } w && w.Bank == b) Truncate(w, n - 1, n, b);
                bank.Active = false;
                bank.PrechargedAt = n;
            }
            else if (!Initialized)
            {
                bank.PrechargedAt = n;      // at power-up the banks' state is unknown: the init PRECHARGE ALL settles it
            }
        }
        if (all && n >= _powerUpCycles && !Initialized) _initPrechargeAll = true;
    }

    private void AutoRefresh(long n)
    {
        if (!AllBanksReady(n, "AUTO REFRESH")) return;
        _lastRefresh = n;
        if (_initPrechargeAll) _initRefreshes++;
        if (!_refreshClockRunning)
        {
            _refreshClockRunning = true;
            _nextRefreshDue = n + Timing.RefreshIntervalCycles;
            _refreshBalance = 0;
        }
        else
        {
            _refreshBalance = Math.Min(_refreshBalance + 1, Options.MaxPostponedRefreshes);
        }
    }

    private void LoadMode(in SdramPins pins, long n)
    {
        if (!AllBanksReady(n, "LOAD MODE REGISTER")) return;
        _lastModeLoad = n;
        var mode = SdramModeRegister.Decode(pins.A, out var error);
        if (mode is null)
        {
            Violate(SdramRule.ModeRegister, n, null, null, F("LOAD MODE REGISTER 0x{0:x} at cycle {1}: {2}", pins.A, n, error!));
            return;
        }
        if (mode.CasLatency < Timing.CasLatency)
        {
            Violate(SdramRule.ModeRegister, n, null, null, F("LOAD MODE REGISTER at cycle {0}: CAS latency {1} is too short for {2} at {3} MHz ({4}); use CL{5}",
                n, mode.CasLatency, Part.Name, Timing.ClockMhz, Part.DescribeCasLimits(), Timing.CasLatency));
            return;
        }
        Mode = mode;
        if (_initPrechargeAll) _initModeLoaded = true;
    }

    /// <summary>
    /// The checks shared by AUTO REFRESH and LOAD MODE REGISTER: after the init PRECHARGE ALL,
    /// every bank idle and precharged for tRP, tRFC after the last refresh, tMRD after the last mode load.
    /// </summary>
    private bool AllBanksReady(long n, string command)
    {
        CheckTmrd(n, command, null, null);
        if (!_initPrechargeAll && n >= _powerUpCycles)
            Violate(SdramRule.InitSequence, n, null, null, F("{0} at cycle {1} before the init sequence's PRECHARGE ALL: the banks' state after power-up is unknown", command, n));
        if (!AllBanksIdle(n, command)) return false;
        for (var b = 0; b < _banks.Length; b++)
            if (TooSoon(SdramRule.Trp, n, _banks[b].PrechargedAt, Timing.Trp)) ReportTooSoon(F("{0} (bank {1})", command, b), "PRECHARGE", b, null);
        if (TooSoon(SdramRule.Trfc, n, _lastRefresh, Timing.Trfc)) ReportTooSoon(command, "AUTO REFRESH", null, null);
        return true;
    }

    private void BurstTerminate(long n)
    {
        foreach (var read in _reads)
            if (read.End > n + (Mode?.CasLatency ?? 2) - 1) TerminateBurst(read, n + Mode!.CasLatency - 1, n);
        if (_write is { } w && w.End > n - 1) TerminateBurst(w, n - 1, n);
    }

    private void TerminateBurst(Burst burst, long lastEdge, long n)
    {
        if (burst.AutoPrecharge)
        {
            Violate(SdramRule.CommandLegality, n, burst.Bank, burst.Row, F("BURST TERMINATE at cycle {0} of a {1} with auto precharge to bank {2} row 0x{3:x}: bursts with auto precharge may not be terminated",
                n, burst.IsWrite ? "WRITE" : "READ", burst.Bank, burst.Row));
            return;
        }
        burst.End = lastEdge;
    }

    // ---- data ------------------------------------------------------------------------------------

    private void TakeWriteData(in SdramPins pins, long n)
    {
        if (_write is not { } w) return;
        if (n > w.End) { _write = null; return; }
        if (n < w.Start) return;
        var mask = pins.Dqm & 3;
        if (mask != 3)
        {
            if (!pins.DqOe)
            {
                Violate(SdramRule.WriteDataNotDriven, n, w.Bank, w.Row, F("write data not driven: word {0} of the WRITE to bank {1} row 0x{2:x} at cycle {3} is not masked (DQM = {4}) but the controller does not drive DQ",
                    n - w.Start, w.Bank, w.Row, n, mask));
            }
            else
            {
                var key = Key(w.Bank, w.Row, w.ColumnAt(n - w.Start, Mode!, Part.Columns));
                _memory.TryGetValue(key, out var old);
                var keep = (ushort)(((mask & 1) != 0 ? 0x00ff : 0) | ((mask & 2) != 0 ? 0xff00 : 0));
                _memory[key] = (ushort)((old & keep) | (pins.DqOut & ~keep));
                Statistics.WrittenWords++;
            }
            _banks[w.Bank].LastWriteAt = n;
        }
        if (n == w.End) _write = null;
    }

    private SdramDataOut DriveFor(long edge)
    {
        for (var i = _reads.Count - 1; i >= 0; i--)
            if (_reads[i].End < edge) _reads.RemoveAt(i);
        foreach (var read in _reads)
        {
            if (edge < read.Start || edge > read.End) continue;
            var mask = _dqmPrevious & 3;       // DQM read latency 2: sampled at edge - 2
            if (mask == 3) return new SdramDataOut(0, false, edge);
            var key = Key(read.Bank, read.Row, read.ColumnAt(edge - read.Start, Mode!, Part.Columns));
            if (!_memory.TryGetValue(key, out var word)) Statistics.UnwrittenReads++;
            var shown = (ushort)(word & ((mask & 1) != 0 ? 0xff00 : 0xffff) & ((mask & 2) != 0 ? 0x00ff : 0xffff));
            Statistics.ReadWords++;
            _lastChipDriveEdge = edge;
            return new SdramDataOut(shown, true, edge);
        }
        return new SdramDataOut(0, false, edge);
    }

    private void CheckBus(in SdramPins pins, long n)
    {
        if (!pins.DqOe) return;
        if (_driving.Valid && _driving.SampledAtCycle == n)
            Violate(SdramRule.BusContention, n, null, null, F("DQ bus contention at cycle {0}: the controller drives DQ while the chip drives read data for this edge; mask that word with DQM two cycles earlier or issue the WRITE later", n));
        else if (_lastChipDriveEdge != Never && n - _lastChipDriveEdge <= Options.BusTurnaroundCycles)
            Violate(SdramRule.BusTurnaround, n, null, null, F("DQ bus turnaround at cycle {0}: the controller drives DQ {1} cycle(s) after the chip's last read word (cycle {2}); at least {3} idle cycle(s) are needed between them",
                n, n - _lastChipDriveEdge, _lastChipDriveEdge, Options.BusTurnaroundCycles));
    }

    // ---- state checks ----------------------------------------------------------------------------

    private void StartAutoPrecharges(long n)
    {
        for (var b = 0; b < _banks.Length; b++)
        {
            var bank = _banks[b];
            if (bank.AutoPrechargeAt == Never || bank.AutoPrechargeAt > n) continue;
            var at = bank.AutoPrechargeAt;
            if (at - bank.ActivatedAt < Timing.TrasMin)
                Violate(SdramRule.TrasMin, at, b, bank.Row, F("tRAS min violated: auto precharge of bank {0} row 0x{1:x} starts at cycle {2}, {3} cycles after ACTIVE at cycle {4}, needs {5}",
                    b, bank.Row, at, at - bank.ActivatedAt, bank.ActivatedAt, Timing.TrasMin));
            bank.Active = false;
            bank.PrechargedAt = at;
            bank.AutoPrechargeAt = Never;
        }
    }

    private void CheckRowsOpenTooLong(long n)
    {
        for (var b = 0; b < _banks.Length; b++)
        {
            var bank = _banks[b];
            if (!bank.Active || bank.TrasMaxReported || n - bank.ActivatedAt <= Timing.TrasMax) continue;
            bank.TrasMaxReported = true;
            Violate(SdramRule.TrasMax, n, b, bank.Row, F("tRAS max violated: bank {0} row 0x{1:x} still open at cycle {2}, {3} cycles after ACTIVE at cycle {4}, allows {5}",
                b, bank.Row, n, n - bank.ActivatedAt, bank.ActivatedAt, Timing.TrasMax));
        }
    }

    private void CheckRefreshRate(long n)
    {
        if (!_refreshClockRunning || n < _nextRefreshDue) return;
        _nextRefreshDue += Timing.RefreshIntervalCycles;
        _refreshBalance--;
        if (_refreshBalance >= -Options.MaxPostponedRefreshes) return;
        Violate(SdramRule.RefreshRate, n, null, null, F("refresh rate violated at cycle {0}: {1} refreshes overdue (one is due every {2} cycles, {3} per {4} ms; at most {5} may be postponed); last AUTO REFRESH at cycle {6}",
            n, -_refreshBalance, Timing.RefreshIntervalCycles, Part.RefreshCount, Part.RefreshPeriodMs, Options.MaxPostponedRefreshes, _lastRefresh));
        _refreshBalance = 0;
    }

    private bool RequireInitialized(long n, string command, int bank, int? row)
    {
        if (Initialized) return true;
        var missing = new List<string>();
        if (!_initPrechargeAll) missing.Add("PRECHARGE ALL");
        if (_initRefreshes < 2) missing.Add(F("2 AUTO REFRESH ({0} seen after the PRECHARGE ALL)", _initRefreshes));
        if (!_initModeLoaded) missing.Add("LOAD MODE REGISTER");
        Violate(SdramRule.InitSequence, n, bank, row, F("init sequence incomplete: {0} to bank {1}{2} at cycle {3}; missing {4}",
            command, bank, row is { } r ? F(" row 0x{0:x}", r) : "", n, string.Join(", ", missing)));
        return false;
    }

    private bool AllBanksIdle(long n, string command)
    {
        var ok = true;
        for (var b = 0; b < _banks.Length; b++)
        {
            var bank = _banks[b];
            if (!bank.Active && bank.AutoPrechargeAt == Never) continue;
            Violate(SdramRule.CommandLegality, n, b, bank.Row, F("{0} at cycle {1} needs every bank idle: bank {2} has row 0x{3:x} open (ACTIVE at cycle {4})",
                command, n, b, bank.Row, bank.ActivatedAt));
            ok = false;
        }
        return ok;
    }

    private void CheckTmrd(long n, string command, int? bank, int? row)
    {
        if (TooSoon(SdramRule.Tmrd, n, _lastModeLoad, Timing.Tmrd))
            ReportTooSoon(
                command + (bank is { } b ? F(" to bank {0}", b) : "") + (row is { } r ? F(" row 0x{0:x}", r) : ""), "LOAD MODE REGISTER", bank, row);
    }

    /// <summary>
    /// True when the command at <paramref name="n"/> comes fewer than <paramref name="needed"/>
    /// cycles after <paramref name="since"/>; then <see cref="ReportTooSoon"/> writes the message
    /// (only then: nothing is formatted on the legal path).
    /// </summary>
    private bool TooSoon(SdramRule rule, long n, long since, long needed)
    {
        if (since == Never || n - since >= needed) return false;
        _late = (rule, n, since, needed);
        return true;
    }

    /// <summary>"tRCD violated: READ to bank 2 row 0x1a3 at cycle 1234, 2 cycles after ACTIVE at cycle 1232, needs 3".</summary>
    private void ReportTooSoon(string what, string sinceWhat, int? bank, int? row)
    {
        var (rule, n, since, needed) = _late;
        Violate(rule, n, bank, row, F("{0} violated: {1} at cycle {2}, {3} cycles after {4} at cycle {5}, needs {6}",
            SdramViolation.NameOf(rule), what, n, n - since, sinceWhat, since, needed));
    }

    private void Violate(SdramRule rule, long cycle, int? bank, int? row, string message)
    {
        if (!message.StartsWith(SdramViolation.NameOf(rule), StringComparison.Ordinal))
            message = SdramViolation.NameOf(rule) + ": " + message;
        var violation = new SdramViolation(rule, cycle, bank, row, F("{0} ({1}, {2})", message, Part.Name, Timing.ClockMhz + " MHz"));
        if (!Options.CollectViolations) throw new SdramViolationException(violation);
        _violations.Add(violation);
    }

    // ---- backdoor --------------------------------------------------------------------------------

    /// <summary>The word at <paramref name="bank"/>, <paramref name="row"/>, <paramref name="column"/> (0 if never written), without any rule or timing.</summary>
    public ushort Peek(int bank, int row, int column) => _memory.TryGetValue(CheckedKey(bank, row, column), out var w) ? w : (ushort)0;

    /// <summary>Stores a word directly, without any rule or timing (a backdoor for loading test data).</summary>
    public void Poke(int bank, int row, int column, ushort value) => _memory[CheckedKey(bank, row, column)] = value;

    /// <summary>
    /// The bank, row and column of a linear word address in row-bank-column order (the address's
    /// low bits are the column, then the bank, then the row: LiteDRAM's default, and what a
    /// controller that keeps sequential runs in one row and spreads rows over banks uses).
    /// A controller with another mapping uses <see cref="Peek"/>/<see cref="Poke"/> directly.
    /// </summary>
    public (int Bank, int Row, int Column) Decompose(long wordAddress)
    {
        if (wordAddress < 0 || wordAddress >= Part.Words)
            throw new ArgumentOutOfRangeException(nameof(wordAddress), wordAddress, F("word address out of range: allowed 0..{0} for {1}", Part.Words - 1, Part.Name));
        var column = (int)(wordAddress % Part.Columns);
        var rest = wordAddress / Part.Columns;
        return ((int)(rest % Part.Banks), (int)(rest / Part.Banks), column);
    }

    /// <summary>Stores <paramref name="words"/> from linear <paramref name="wordAddress"/> on (row-bank-column order, see <see cref="Decompose"/>).</summary>
    public void Load(long wordAddress, ReadOnlySpan<ushort> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var (b, r, c) = Decompose(wordAddress + i);
            _memory[Key(b, r, c)] = words[i];
        }
    }

    /// <summary><paramref name="count"/> words from linear <paramref name="wordAddress"/> on (never-written words read as 0).</summary>
    public ushort[] Dump(long wordAddress, int count)
    {
        var words = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            var (b, r, c) = Decompose(wordAddress + i);
            words[i] = Peek(b, r, c);
        }
        return words;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private long Key(int bank, int row, int column) => ((long)bank * Part.Rows + row) * Part.Columns + column;

    private long CheckedKey(int bank, int row, int column)
    {
        CheckBank(bank);
        if (row < 0 || row >= Part.Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, F("row out of range: allowed 0..{0} for {1}", Part.Rows - 1, Part.Name));
        if (column < 0 || column >= Part.Columns)
            throw new ArgumentOutOfRangeException(nameof(column), column, F("column out of range: allowed 0..{0} for {1}", Part.Columns - 1, Part.Name));
        return Key(bank, row, column);
    }

    private int CheckBank(int bank) => bank >= 0 && bank < Part.Banks
        ? bank
        : throw new ArgumentOutOfRangeException(nameof(bank), bank, F("bank out of range: allowed 0..{0} for {1}", Part.Banks - 1, Part.Name));

    private static string Name(SdramCommand command) => command switch
    {
        SdramCommand.Active => "ACTIVE",
        SdramCommand.Read => "READ",
        SdramCommand.Write => "WRITE",
        SdramCommand.BurstTerminate => "BURST TERMINATE",
        SdramCommand.Precharge => "PRECHARGE",
        SdramCommand.AutoRefresh => "AUTO REFRESH",
        SdramCommand.LoadModeRegister => "LOAD MODE REGISTER",
        _ => command.ToString().ToUpperInvariant(),
    };

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private sealed class Bank
    {
        public bool Active;
        public int Row;
        public long ActivatedAt = Never;
        public long PrechargedAt = Never;
        public long AutoPrechargeAt = Never;
        public long LastWriteAt = Never;
        public int ColumnCommands;
        public bool TrasMaxReported;
    }

    /// <summary>A read or write burst: its words are at edges Start..End (End moves earlier when interrupted).</summary>
    private sealed class Burst(int bank, int row, int column, int length, long start, long end, bool autoPrecharge, bool isWrite)
    {
        public int Bank { get; } = bank;
        public int Row { get; } = row;
        public long Start { get; } = start;
        public long End { get; set; } = end;
        public bool AutoPrecharge { get; } = autoPrecharge;
        public bool IsWrite { get; } = isWrite;

        /// <summary>The column of word <paramref name="index"/>: sequential or interleaved within the burst, wrapping in the row for full page.</summary>
        public int ColumnAt(long index, SdramModeRegister mode, int columns)
        {
            if (mode.FullPage || length >= columns) return (int)((column + index) % columns);
            var span = length;
            var within = mode.Interleaved ? (column ^ (int)index) & (span - 1) : (column + (int)index) & (span - 1);
            return (column & ~(span - 1)) | within;
        }
    }
}
