using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// Turns an asynchronous reset request (a PLL that lost lock, a button) into a synchronous,
/// active-high reset for the clock this component runs on. The request passes
/// <c>stages</c> flip-flops (metastability), and the reset is held for <c>holdCycles</c> cycles
/// after the request ends, so a bouncing button or a PLL settling into lock gives one clean
/// reset. Its own registers have no reset: the counter powers up as 0 (the ECP5's configuration
/// clears every flip-flop; Verilator starts at 0), which reads as "reset for holdCycles cycles", and
/// the output register is an FD1S3BX that powers up set, so the design is reset after configuration
/// even if the request is never raised. Latency: a request reaches <see cref="Reset"/> after
/// <c>stages</c> + 1 cycles.
/// <para>
/// The reset leaves a flip-flop, not an inverter: Yosys folds an inverted reset into every
/// flip-flop it resets and then maps each with its own inverter LUT on the LSR pin, which gives
/// every flip-flop its own control set (a slice's two flip-flops must share one), so large designs
/// fail to legalise in nextpnr. With <c>global</c> (the default) the reset then passes a
/// <see cref="Dcca"/> onto one of the device's global networks, so its thousands of loads are
/// reached within a clock period wherever they are placed. Simulation needs <see cref="Ecp5SimulationModels.ForSimulation(Zfpe.Hdl.Emit.EmittedDesign, string?)"/>.
/// </para>
/// </summary>
public sealed class ResetSync : Component
{
    public const int DefaultStages = 2;
    public const int DefaultHoldCycles = 16;

    /// <summary>Active high, asynchronous to the clock.</summary>
    public readonly Bool Request;

    /// <summary>Active high, synchronous: asserted from power-up and while the request lasts, released holdCycles cycles after it.</summary>
    public readonly Bool Reset;

    public ResetSync(int stages = DefaultStages, int holdCycles = DefaultHoldCycles, bool global = true)
    {
        if (stages is < 2 or > 8)
            throw new ArgumentOutOfRangeException(nameof(stages), stages, $"reset synchroniser stages = {stages} is out of range: allowed 2..8 flip-flops");
        if (holdCycles is < 1 or > 1 << 24)
            throw new ArgumentOutOfRangeException(nameof(holdCycles), holdCycles, $"reset hold = {holdCycles} cycles is out of range: allowed 1..{1 << 24}");
        Param("stages", stages, DefaultStages);
        Param("hold", holdCycles, DefaultHoldCycles);
        Param("global", global, true);

        Request = In.Bool("request");
        Reset = Out.Bool("reset");

        Bool synced = Request;
        for (var i = 0; i < stages; i++) synced = Reg.Next(synced, reset: null, name: $"request_sync{i}");

        var countBits = Uart.UartTx.BitsFor(holdCycles);
        var held = Reg.UInt(countBits, reset: null, name: "held_cycles");
        When(synced, () => held.Assign(0UL))
            .ElseWhen(held != holdCycles, () => held.Assign(held + 1));
        var holding = Instance(new IoRegister(IoRegisterKind.Slice, powerUpHigh: true), "reset_reg");
        holding.D.Assign(synced | (held != holdCycles));
        holding.SetClear?.Assign(false);
        if (global)
        {
            var buffer = Instance(new Dcca(), "reset_global");
            buffer.ClockIn.Assign(holding.Q);
            buffer.Enable.Assign(true);
            Reset.Assign(buffer.ClockOut);
        }
        else
            Reset.Assign(holding.Q);
    }
}
