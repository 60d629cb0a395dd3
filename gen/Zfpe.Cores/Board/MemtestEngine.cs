using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Sdram;

namespace Zfpe.Cores.Board;

/// <summary>
/// The ulx3s-memtest's tester, on one memory-system port: once the controller's init is done, each
/// pass writes <c>words</c> words of the pattern (<see cref="MemtestPattern"/>, seeded for the
/// pass) from address 0 in runs of 64, reads them back in runs of 64, compares every word with the
/// pattern, counts the words that differ and keeps the first one's address, then offers the
/// pass's result on <see cref="Result"/> and starts the next pass as soon as it is taken.
/// The read words come back in order, so the n-th word read is checked against the n-th pattern word.
/// </summary>
public sealed class MemtestEngine : Component
{
    public readonly Stream<MemoryPortRequest> Request;
    public readonly Stream<UInt> Response;
    public readonly Bool InitDone;

    /// <summary>A finished pass: its number, the words that differed, the first of them's address.</summary>
    public readonly Stream<MemtestResult> Result;

    public readonly Bool Writing;
    public readonly Bool Reading;

    private enum Phase { WaitInit, Write, Read, Check, Report }

    public MemtestEngine(Ulx3sMemtestConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var memory = config.Memory;
        var addressBits = memory.Controller.AddressBits;
        var lengthBits = memory.Arbiter.LengthBits;
        Param("words", config.Words, 1L << 24);
        Param("seed", config.Seed, 1L);
        Param("address_bits", addressBits, 24);

        Request = Out.Stream(MemoryPortRequest.Shape(addressBits, lengthBits), name: "request");
        Response = In.Stream(16, withLast: true, name: "response");
        InitDone = In.Bool("init_done");
        Result = Out.Stream(MemtestResult.Shape(addressBits), name: "result");
        Writing = Out.Bool("writing");
        Reading = Out.Bool("reading");

        var countBits = addressBits + 1;                    // words up to the whole chip
        var lastRun = Hw.U((config.Words / Ulx3sMemtestConfig.RunWords) - 1, countBits);
        var lastWord = Hw.U(config.Words - 1, countBits);
        var phase = new Fsm<Phase>(Phase.WaitInit, name: "phase");
        var pass = Reg.UInt(MemtestResult.PassBits, reset: 0, name: "pass");
        var run = Reg.UInt(countBits, reset: 0, name: "run");                 // the run being written or requested
        var beat = Reg.UInt(lengthBits, reset: 0, name: "beat");              // the word of a write run
        var writeState = Reg.UInt(32, reset: MemtestPattern.PassSeed((uint)config.Seed, 0), name: "write_state");   // the pattern state before the next word written
        var checkState = Reg.UInt(32, reset: MemtestPattern.PassSeed((uint)config.Seed, 0), name: "check_state");   // the pattern state before the next word read
        var checked_ = Reg.UInt(countBits, reset: 0, name: "checked");         // words read and compared
        var errors = Reg.UInt(MemtestResult.ErrorBits, reset: 0, name: "errors");
        var firstBad = Reg.UInt(addressBits, reset: 0, name: "first_bad");
        var clean = Reg.Bool(reset: true, name: "clean");

        // The comparison is one cycle after the word arrives: the word, the pattern and the word's
        // address are registered first, so no path runs from the response queue to the counters.
        var got = Reg.UInt(16, reset: null, name: "got");
        var want = Reg.UInt(16, reset: null, name: "want");
        var gotAddress = Reg.UInt(countBits, reset: null, name: "got_address");
        var gotValid = Reg.Bool(reset: false, name: "got_valid");

        var writeWord = MemtestPattern.Next(writeState);
        var checkWord = MemtestPattern.Next(checkState);
        var runAddress = Hw.Cat(run[addressBits - 7, 0], Hw.U(0, 6));

        Request.Valid.Assign(phase.Is(Phase.Write) | phase.Is(Phase.Read));
        Request.Payload.Address.Assign(runAddress);
        Request.Payload.Write.Assign(phase.Is(Phase.Write));
        Request.Payload.Data.Assign(writeWord[15, 0]);
        Request.Payload.ByteEnable.Assign(Hw.U(3, 2));
        Request.Payload.WordsMinusOne.Assign(Hw.U(Ulx3sMemtestConfig.RunWords - 1, lengthBits));
        Response.Ready.Assign(true);
        Result.Valid.Assign(phase.Is(Phase.Report));
        Result.Payload.Pass.Assign(pass);
        Result.Payload.Errors.Assign(errors);
        Result.Payload.FirstBad.Assign(firstBad);
        Result.Payload.Clean.Assign(clean);
        Writing.Assign(phase.Is(Phase.Write));
        Reading.Assign(phase.Is(Phase.Read) | phase.Is(Phase.Check));

        phase.On(Phase.WaitInit, () => When(InitDone, () => phase.Next(Phase.Write)));
        phase.On(Phase.Write, () => When(Request.Fire, () =>
        {
            writeState.Assign(writeWord);
            beat.Assign(beat + 1);
            When(beat == Ulx3sMemtestConfig.RunWords - 1, () =>
            {
                run.Assign(run + 1);
                When(run == lastRun, () =>
                {
                    run.Assign(Hw.U(0, countBits));
                    phase.Next(Phase.Read);
                });
            });
        }));
        phase.On(Phase.Read, () => When(Request.Fire, () =>
        {
            run.Assign(run + 1);
            When(run == lastRun, () => phase.Next(Phase.Check));
        }));
        // Every read is requested; the last words are still coming back.
        phase.On(Phase.Check, () => When(gotValid & (gotAddress == lastWord), () => phase.Next(Phase.Report)));
        phase.On(Phase.Report, () => When(Result.Fire, () =>
        {
            var nextPass = pass + 1;
            pass.Assign(nextPass);
            var seed = MemtestPattern.PassSeed((uint)config.Seed, nextPass);
            writeState.Assign(seed);
            checkState.Assign(seed);
            run.Assign(Hw.U(0, countBits));
            checked_.Assign(Hw.U(0, countBits));
            errors.Assign(Hw.U(0, MemtestResult.ErrorBits));
            firstBad.Assign(Hw.U(0, addressBits));
            clean.Assign(true);
            phase.Next(Phase.Write);
        }));

        gotValid.Assign(Response.Fire);
        When(Response.Fire, () =>
        {
            got.Assign(Response.Payload);
            want.Assign(checkWord[15, 0]);
            gotAddress.Assign(checked_);
            checkState.Assign(checkWord);
            checked_.Assign(checked_ + 1);
        });
        When(gotValid & (got != want), () =>
        {
            errors.Assign(errors + 1);
            clean.Assign(false);
            When(clean, () => firstBad.Assign(gotAddress[addressBits - 1, 0]));
        });
    }
}
