using System.Numerics;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// An SDR SDRAM controller: runs of consecutive words in, read words out, one chip's pins. A run
/// expander turns each request into its words (one per cycle, through a skid stage) and a
/// command engine turns each word into commands (gen/Zfpe.Hdl.Lib/README.md has the interface).
/// <list type="bullet">
/// <item>Init: the part's power-up wait, PRECHARGE ALL, two AUTO REFRESH, LOAD MODE REGISTER
/// (burst length 1, sequential, the part's CAS latency at the clock), tMRD; then requests.</item>
/// <item>One command per cycle, each word its own READ or WRITE (burst length 1), so a run in an
/// open row moves a word per cycle. One open row per bank, kept open: a word whose row is open is
/// issued at once, another row is closed (PRECHARGE) and opened (ACTIVE) first. Every delay is a
/// down-counter per bank (tRCD, tRAS, tRC, tRP, tWR) or for the chip (tRRD, tRFC), loaded with
/// the delay minus one by the command it follows; a command waits until its counters are 0.</item>
/// <item>Refresh: one is owed every tREFI. An owed refresh is done when no request waits; after
/// <see cref="SdramControllerConfig.UrgentRefreshes"/> owed ones it goes before the next word,
/// whatever the requests and the response stream do (the model allows 8). A refresh is PRECHARGE
/// ALL (when every open bank has met tRAS and tWR), tRP, AUTO REFRESH, tRFC.</item>
/// <item>Turnaround: a WRITE comes at least CL + 2 cycles after a READ, so one idle edge
/// separates the chip's last read word from the controller's write data (no DQM needed); DQM is
/// the complement of the byte enables on a WRITE and 0 otherwise.</item>
/// <item>Reads: a READ is issued only when the response queue will have a place for its word
/// (words issued and not yet taken from <see cref="Response"/> stay below its depth), so
/// backpressure on the responses never loses a word.</item>
/// </list>
/// Pins are registers (the I/O registers): the command decided in a cycle is on the pins after
/// the next edge and sampled by the chip one edge later. The read word is captured in a register
/// at the edge CL cycles after the chip sampled the READ, then goes into the response queue:
/// from the edge that puts a READ on the pins to its word offered on <see cref="Response"/> is
/// CL + 2 cycles (<see cref="ReadLatency"/>). Word address = row, bank, column (high to low), so a
/// sequential run stays in one row for a row's columns, then moves to the next bank.
/// </summary>
public sealed class SdramController : Component
{
    public readonly Stream<SdramRequest> Request;
    public readonly Stream<SdramResponse> Response;

    public readonly Bool SdramCke;
    public readonly Bool SdramCsN;
    public readonly Bool SdramRasN;
    public readonly Bool SdramCasN;
    public readonly Bool SdramWeN;
    public readonly UInt SdramBa;
    public readonly UInt SdramA;
    public readonly UInt SdramDqm;
    public readonly UInt SdramDqOut;
    public readonly Bool SdramDqOe;
    public readonly UInt SdramDqIn;

    /// <summary>High once the init sequence is done (requests are served from then on).</summary>
    public readonly Bool InitDone;

    private enum Phase { PowerUp, InitRefresh, SecondRefresh, LoadMode, ModeDelay, Run }

    // {CS#, RAS#, CAS#, WE#}
    private const ulong Nop = 0b0111, Active = 0b0011, Read = 0b0101, Write = 0b0100, Precharge = 0b0010, Refresh = 0b0001, LoadModeRegister = 0b0000;

    public SdramController(SdramControllerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Params(config);
        Config = config;
        var t = config.Timing;
        Timing = t;
        var nominal = config.SdramPart.At(config.ClockMhz);
        // A timing override is part of the module name, so it never shares a module with the part's own.
        Param("trcd", t.Trcd, nominal.Trcd);
        Param("trp", t.Trp, nominal.Trp);
        Param("tras", t.TrasMin, nominal.TrasMin);
        Param("twr", t.Twr, nominal.Twr);
        Param("trfc", t.Trfc, nominal.Trfc);
        Param("pin_registers", config.PinRegisters, false);

        var cl = t.CasLatency;
        var (columnBits, rowBits) = (config.ColumnBits, config.RowBits);
        var banks = config.SdramPart.Banks;

        Request = In.Stream(SdramRequest.Shape(config.AddressBits, config.TagBits), name: "request");
        Response = Out.Stream(SdramResponse.Shape(config.TagBits), withLast: true, name: "response");
        SdramCke = Out.Bool(name: "sdram_cke");
        SdramCsN = Out.Bool(name: "sdram_cs_n");
        SdramRasN = Out.Bool(name: "sdram_ras_n");
        SdramCasN = Out.Bool(name: "sdram_cas_n");
        SdramWeN = Out.Bool(name: "sdram_we_n");
        SdramBa = Out.UInt(2, name: "sdram_ba");
        SdramA = Out.UInt(13, name: "sdram_a");
        SdramDqm = Out.UInt(2, name: "sdram_dqm");
        SdramDqOut = Out.UInt(16, name: "sdram_dq_out");
        SdramDqOe = Out.Bool(name: "sdram_dq_oe");
        SdramDqIn = In.UInt(16, name: "sdram_dq_in");
        InitDone = Out.Bool(name: "init_done");

        // ---- the I/O registers ---------------------------------------------------------------------
        var command = Reg.UInt(4, reset: Nop, name: "command");
        var bankPins = Reg.UInt(2, reset: 0, name: "bank_pins");
        var addressPins = Reg.UInt(13, reset: 0, name: "address_pins");
        var dqmPins = Reg.UInt(2, reset: 0, name: "dqm_pins");
        var dqOut = Reg.UInt(16, reset: null, name: "dq_out");
        var dqOe = Reg.Bool(reset: false, name: "dq_oe");
        var dqIn = Reg.Next(SdramDqIn, reset: null, name: "dq_in");
        command.Assign(Hw.U(Nop, 4));
        dqOe.Assign(false);
        dqmPins.Assign(Hw.U(0, 2));

        // ---- delays: counters loaded with (delay - 1) by a command, counting down to 0 ---------------
        var counterBits = BitsFor(new long[] { t.Trcd, t.Trp, t.Trc, t.TrasMin, t.Twr, t.Trfc, t.Trrd, t.Tmrd, cl + 2 }.Max());
        UInt Countdown(string name)
        {
            var c = Reg.UInt(counterBits, reset: 0, name: name);
            When(c != 0, () => c.Assign(c - 1));
            return c;
        }
        UInt Delay(int cycles) => Hw.U(cycles - 1, counterBits);
        var rcd = Enumerable.Range(0, banks).Select(b => Countdown($"trcd_wait{b}")).ToList();     // ACTIVE -> READ/WRITE
        var ras = Enumerable.Range(0, banks).Select(b => Countdown($"tras_wait{b}")).ToList();     // ACTIVE -> PRECHARGE
        var rc = Enumerable.Range(0, banks).Select(b => Countdown($"trc_wait{b}")).ToList();       // ACTIVE -> ACTIVE, same bank
        var rp = Enumerable.Range(0, banks).Select(b => Countdown($"trp_wait{b}")).ToList();       // PRECHARGE -> ACTIVE/REFRESH
        var wr = Enumerable.Range(0, banks).Select(b => Countdown($"twr_wait{b}")).ToList();       // WRITE -> PRECHARGE
        var rrd = Countdown("trrd_wait");                                                          // ACTIVE -> ACTIVE, any bank
        var rfc = Countdown("trfc_wait");                                                          // AUTO REFRESH -> ACTIVE/REFRESH
        var readToWrite = Countdown("read_to_write_wait");                                         // READ -> WRITE: CL + 2
        var open = Enumerable.Range(0, banks).Select(b => Reg.Bool(reset: false, name: $"open{b}")).ToList();
        var openRow = Enumerable.Range(0, banks).Select(b => Reg.UInt(rowBits, reset: null, name: $"open_row{b}")).ToList();

        // ---- init sequence ---------------------------------------------------------------------------
        var initWaitBits = BitsFor(Math.Max(t.PowerUpCycles, 64));
        var initWait = Reg.UInt(initWaitBits, reset: (ulong)Math.Max(t.PowerUpCycles - 1, 0), name: "init_wait");
        When(initWait != 0, () => initWait.Assign(initWait - 1));
        var phase = new Fsm<Phase>(Phase.PowerUp, name: "phase");
        var mode = (ulong)(cl << 4);         // burst length 1, sequential, CL, standard operation, burst writes (of 1)
        void InitStep(Phase next, ulong cmd, ulong address, int wait)
        {
            When(initWait == 0, () =>
            {
                command.Assign(Hw.U(cmd, 4));
                addressPins.Assign(Hw.U(address, 13));
                bankPins.Assign(Hw.U(0, 2));
                initWait.Assign(Hw.U(wait - 1, initWaitBits));
                phase.Next(next);
            });
        }
        phase.On(Phase.PowerUp, () => InitStep(Phase.InitRefresh, Precharge, 1 << 10, t.Trp));
        phase.On(Phase.InitRefresh, () => InitStep(Phase.SecondRefresh, Refresh, 0, t.Trfc));
        phase.On(Phase.SecondRefresh, () => InitStep(Phase.LoadMode, Refresh, 0, t.Trfc));
        phase.On(Phase.LoadMode, () => InitStep(Phase.ModeDelay, LoadModeRegister, mode, t.Tmrd));
        phase.On(Phase.ModeDelay, () => When(initWait == 0, () => phase.Next(Phase.Run)));
        phase.On(Phase.Run, () => { });
        var run = phase.Is(Phase.Run);
        InitDone.Assign(run);

        // ---- refresh owed: one more every tREFI from the end of init ----------------------------------
        var refreshBits = BitsFor(t.RefreshIntervalCycles);
        var refreshTimer = Reg.UInt(refreshBits, reset: (ulong)(t.RefreshIntervalCycles - 1), name: "refresh_timer");
        var owed = Reg.UInt(4, reset: 0, name: "refreshes_owed");
        var refreshTick = run & (refreshTimer == 0);
        When(run, () => When(refreshTimer == 0, () => refreshTimer.Assign(Hw.U(t.RefreshIntervalCycles - 1, refreshBits)))
            .Otherwise(() => refreshTimer.Assign(refreshTimer - 1)));

        // ---- the run expander: requests to words, one per cycle, into a skid stage ----------------------
        // The skid stage registers the word both ways, so the command engine's path starts at its
        // registers rather than behind the choice between a new request and the run in progress.
        var runActive = Reg.Bool(reset: false, name: "run_active");
        var runWrite = Reg.Bool(reset: false, name: "run_write");
        var runAddress = Reg.UInt(config.AddressBits, reset: null, name: "run_address");
        var runLeft = Reg.UInt(SdramControllerConfig.LengthBits, reset: 0, name: "run_left");      // words after the one being expanded
        var runTag = Reg.UInt(config.TagBits, reset: null, name: "run_tag");
        var wordShape = SdramWord.Shape(config.AddressBits, config.TagBits);
        var expanded = Wire.Stream(wordShape, name: "expanded");
        var next = expanded.Payload;
        expanded.Valid.Assign(Hw.Mux(runActive, runWrite.Select(Request.Valid, Hw.True), Request.Valid));
        next.Address.Assign(Hw.Mux(runActive, runAddress, Request.Payload.Address));
        next.Write.Assign(Hw.Mux(runActive, runWrite, Request.Payload.Write));
        next.Data.Assign(Request.Payload.Data);
        next.ByteEnable.Assign(Request.Payload.ByteEnable);
        next.Tag.Assign(Hw.Mux(runActive, runTag, Request.Payload.Tag));
        next.Last.Assign(Hw.Mux(runActive, runLeft == 1, Request.Payload.WordsMinusOne == 0));
        Request.Ready.Assign(expanded.Ready & (!runActive | runWrite));
        When(expanded.Fire, () =>
        {
            When(runActive, () =>
            {
                runAddress.Assign(runAddress + 1);
                runLeft.Assign(runLeft - 1);
                When(runLeft == 1, () => runActive.Assign(false));
            }).ElseWhen(Request.Payload.WordsMinusOne != 0, () =>
            {
                runActive.Assign(true);
                runWrite.Assign(Request.Payload.Write);
                runAddress.Assign(Request.Payload.Address + 1);
                runLeft.Assign(Request.Payload.WordsMinusOne);
                runTag.Assign(Request.Payload.Tag);
            });
        });
        // The word stage: a skid buffer written out here so that, beside the word it will hold next, it
        // registers whether each bank's open row is that word's row. The command's decision then reads a
        // flag per bank instead of comparing 13 bits on its way to the stage's enables.
        var word = Wire.Stream(wordShape, name: "word");
        var mainValid = Reg.Bool(reset: false, name: "word_main_valid");
        var mainWord = Reg.Of(wordShape, name: "word_main");
        var skidValid = Reg.Bool(reset: false, name: "word_skid_valid");
        var skidWord = Reg.Of(wordShape, name: "word_skid");
        var rowMatch = Enumerable.Range(0, banks).Select(b => Reg.Bool(reset: false, name: $"row_match{b}")).ToList();
        word.Valid.Assign(mainValid);
        StreamPayloads.Assign(word.Payload, mainWord);
        expanded.Ready.Assign(!skidValid);
        var mainFree = word.Ready | !mainValid;
        UInt RowOf(SdramWord w) => w.Address[config.AddressBits - 1, columnBits + 2];
        var wordWrite = word.Payload.Write;
        var column = word.Payload.Address[columnBits - 1, 0];
        var bank = word.Payload.Address[columnBits + 1, columnBits];
        var row = RowOf(word.Payload);

        // ---- response path: a place in the queue for every READ issued ------------------------------
        var queue = Instance(new StreamQueue<SdramResponse>(SdramResponse.Shape(config.TagBits), config.ResponseDepth, QueueStorage.Lut, withLast: true), "responses");
        Response.ConnectFrom(queue.Pop);
        var outstandingBits = BitsFor(config.ResponseDepth);
        var outstanding = Reg.UInt(outstandingBits, reset: 0, name: "reads_outstanding");     // READs issued whose word has not left Response
        var roomForRead = !outstanding[outstandingBits - 1];       // outstanding < depth (a power of two), without a carry chain

        // ---- the command for the next edge ------------------------------------------------------------
        static Bool Any(IEnumerable<Bool> bits) => bits.Aggregate((a, b) => a | b);
        static Bool All(IEnumerable<Bool> bits) => bits.Aggregate((a, b) => a & b);
        var bankOpen = Hw.Select(bank, open);
        // Each bank's row match is a register (the word stage below keeps it for the word it holds); the
        // word's bank picks one: no 13-bit compare on the path to the command.
        var rowHit = Hw.Select(bank, Enumerable.Range(0, banks).Select(b => open[b] & rowMatch[b]).ToList());
        var anyOpen = Any(open);
        var mayPrechargeAll = All(Enumerable.Range(0, banks).Select(b => !open[b] | ((ras[b] == 0) & (wr[b] == 0))));
        var allPrecharged = All(Enumerable.Range(0, banks).Select(b => !open[b] & (rp[b] == 0)));
        // Whether to refresh is decided from the last cycle's state (a register), which keeps it off
        // the path from the word to the command and the word stage's clock enables; a refresh or a
        // word waits a cycle more at worst. Owed refreshes are tested again where a refresh command
        // is issued, so a decision a cycle old never issues one that is not owed.
        var refreshNow = Reg.Bool(reset: false, name: "refresh_now");
        refreshNow.Assign(run & ((owed >= SdramControllerConfig.UrgentRefreshes) | ((owed != 0) & !runActive & !word.Valid & !Request.Valid)));
        var serve = run & !refreshNow & word.Valid;
        var columnReady = (Hw.Select(bank, rcd) == 0) & wordWrite.Select(readToWrite == 0, roomForRead);
        var issue = Wire.Bool(name: "issue");
        issue.Assign(serve & rowHit & columnReady);
        var issueRead = issue & !wordWrite;
        var closeRow = serve & bankOpen & !rowHit & (Hw.Select(bank, ras) == 0) & (Hw.Select(bank, wr) == 0);
        var openBank = serve & !bankOpen & (Hw.Select(bank, rp) == 0) & (Hw.Select(bank, rc) == 0) & (rrd == 0) & (rfc == 0);
        var prechargeAll = refreshNow & (owed != 0) & anyOpen & mayPrechargeAll;
        var autoRefresh = refreshNow & (owed != 0) & !anyOpen & allPrecharged & (rfc == 0);

        When(issue, () =>
        {
            command.Assign(wordWrite.Select(Hw.U(Write, 4), Hw.U(Read, 4)));
            bankPins.Assign(bank);
            addressPins.Assign(column.ZeroExtend(13));       // A10 = 0: no auto precharge
            dqOut.Assign(word.Payload.Data);
            dqOe.Assign(wordWrite);
            When(wordWrite, () => dqmPins.Assign(~word.Payload.ByteEnable));
        });
        When(closeRow, () =>
        {
            command.Assign(Hw.U(Precharge, 4));
            bankPins.Assign(bank);
            addressPins.Assign(Hw.U(0, 13));                 // A10 = 0: this bank only
        });
        When(openBank, () =>
        {
            command.Assign(Hw.U(Active, 4));
            bankPins.Assign(bank);
            addressPins.Assign(row.ZeroExtend(13));
        });
        When(prechargeAll, () =>
        {
            command.Assign(Hw.U(Precharge, 4));
            addressPins.Assign(Hw.U(1 << 10, 13));           // A10 = 1: every bank
        });
        When(autoRefresh, () => command.Assign(Hw.U(Refresh, 4)));

        for (var b = 0; b < banks; b++)
        {
            var i = b;
            var here = bank == i;
            When(issue & here, () => When(wordWrite, () => wr[i].Assign(Delay(t.Twr))));
            When(closeRow & here, () =>
            {
                open[i].Assign(false);
                rp[i].Assign(Delay(t.Trp));
            });
            When(prechargeAll & open[i], () =>
            {
                open[i].Assign(false);
                rp[i].Assign(Delay(t.Trp));
            });
            When(openBank & here, () =>
            {
                open[i].Assign(true);
                openRow[i].Assign(row);
                rcd[i].Assign(Delay(t.Trcd));
                ras[i].Assign(Delay(t.TrasMin));
                rc[i].Assign(Delay(t.Trc));
            });
        }
        When(openBank, () => rrd.Assign(Delay(t.Trrd)));
        When(autoRefresh, () => rfc.Assign(Delay(t.Trfc)));
        When(issueRead, () => readToWrite.Assign(Delay(cl + 2)));

        When(refreshTick & !autoRefresh, () => owed.Assign(owed + 1))
            .ElseWhen(!refreshTick & autoRefresh, () => owed.Assign(owed - 1));

        word.Ready.Assign(issue);

        // The stage moves on when its word is issued (or it is empty); the row flags follow the word it
        // will hold. A word that moves in never meets an ACTIVE in the same cycle (an ACTIVE is for the
        // word that stays), so it is compared with the open rows as they are; the word that stays
        // matches the row an ACTIVE opens for it.
        When(mainFree, () =>
        {
            mainValid.Assign(skidValid | expanded.Valid);
            skidValid.Assign(false);
            When(skidValid, () => StreamPayloads.Assign(mainWord, skidWord)).Otherwise(() => StreamPayloads.Assign(mainWord, expanded.Payload));
            for (var b = 0; b < banks; b++)
                rowMatch[b].Assign(Hw.Mux(skidValid, openRow[b] == RowOf(skidWord), openRow[b] == RowOf(expanded.Payload)));
        }).Otherwise(() =>
        {
            When(expanded.Valid & !skidValid, () =>
            {
                skidValid.Assign(true);
                StreamPayloads.Assign(skidWord, expanded.Payload);
            });
            for (var b = 0; b < banks; b++)
                rowMatch[b].Assign((openBank & (bank == b)) | (openRow[b] == row));
        });

        // ---- read words: the READ's tag and last travel beside it to the capture register ------------
        // Stage 0 is loaded with the READ into the command register; the chip samples it one edge
        // later and its word is in dq_in CL edges after that: stage CL + 1. Registers outside
        // (the I/O cells: one out, one in) add their stages.
        var stages = cl + 2 + config.PinStages;
        var inFlight = new List<Bool>();
        var inFlightTag = new List<UInt>();
        var inFlightLast = new List<Bool>();
        for (var s = 0; s < stages; s++)
        {
            inFlight.Add(Reg.Bool(reset: false, name: $"read_valid{s}"));
            inFlightTag.Add(Reg.UInt(config.TagBits, reset: null, name: $"read_tag{s}"));
            inFlightLast.Add(Reg.Bool(reset: null, name: $"read_last{s}"));
        }
        inFlight[0].Assign(issueRead);
        inFlightTag[0].Assign(word.Payload.Tag);
        inFlightLast[0].Assign(word.Payload.Last);
        for (var s = 1; s < stages; s++)
        {
            inFlight[s].Assign(inFlight[s - 1]);
            inFlightTag[s].Assign(inFlightTag[s - 1]);
            inFlightLast[s].Assign(inFlightLast[s - 1]);
        }
        queue.Push.Valid.Assign(inFlight[stages - 1]);
        queue.Push.Payload.Data.Assign(dqIn);
        queue.Push.Payload.Tag.Assign(inFlightTag[stages - 1]);
        queue.Push.Last!.Assign(inFlightLast[stages - 1]);
        When(issueRead & !Response.Fire, () => outstanding.Assign(outstanding + 1))
            .ElseWhen(!issueRead & Response.Fire, () => outstanding.Assign(outstanding - 1));

        // ---- pins ---------------------------------------------------------------------------------------
        SdramCke.Assign(Reg.Next(Hw.True, reset: 1, name: "cke"));
        SdramCsN.Assign(command[3]);
        SdramRasN.Assign(command[2]);
        SdramCasN.Assign(command[1]);
        SdramWeN.Assign(command[0]);
        SdramBa.Assign(bankPins);
        SdramA.Assign(addressPins);
        SdramDqm.Assign(dqmPins);
        SdramDqOut.Assign(dqOut);
        SdramDqOe.Assign(dqOe);
    }

    public SdramControllerConfig Config { get; }

    /// <summary>The chip's output pins, in the order SdramAgent reads them (a wrapper forwards them by name).</summary>
    public IReadOnlyList<HdlValue> PinOutputs => [SdramCke, SdramCsN, SdramRasN, SdramCasN, SdramWeN, SdramBa, SdramA, SdramDqm, SdramDqOut, SdramDqOe];

    /// <summary>The delays in cycles the controller counts.</summary>
    public SdramTiming Timing { get; }

    /// <summary>Cycles from the edge that puts a READ on the pins to the edge after which its word is offered on <see cref="Response"/>: CL + 2 (CL + 4 with the pin registers outside).</summary>
    public int ReadLatency => Timing.CasLatency + 2 + Config.PinStages;

    private static int BitsFor(long maxValue) => Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)maxValue));
}
