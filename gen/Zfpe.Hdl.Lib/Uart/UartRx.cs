using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// UART receiver, 8N1. <see cref="Rxd"/> is asynchronous: it passes a 2-flop synchroniser first.
/// A falling edge starts a frame; the start bit is checked half a bit later (a shorter low pulse
/// is a glitch and is ignored), then each data bit and the stop bit are sampled one bit period
/// apart, so every sample falls mid-bit. A byte whose stop bit is 1 is offered on
/// <see cref="Output"/>; a 0 stop bit drops the byte and pulses <see cref="FramingError"/>, and
/// the receiver then waits for the line to go high (a break holds it low) before it looks for
/// the next start bit. A byte that completes while the previous one is still waiting on
/// <see cref="Output"/> is dropped with a pulse on <see cref="Overrun"/>.
/// Timing contract (the C# twin is <see cref="UartDeserializer"/>): if the synchronised line is
/// first seen low in cycle t0, the stop bit is sampled in cycle t0 + Divisor/2 + 9·Divisor and
/// the byte is valid from the next cycle.
/// </summary>
public sealed class UartRx : Component
{
    public readonly Bool Rxd;
    public readonly Stream<UInt> Output;
    public readonly Bool FramingError;
    public readonly Bool Overrun;

    private enum Phase { Idle, StartBit, DataBits, StopBit, WaitForIdle }

    public UartRx(UartConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var divisor = config.Divisor;
        Param("divisor", divisor, UartTx.DefaultDivisor);

        Rxd = In.Bool();
        Output = Out.Stream(8);
        FramingError = Out.Bool();
        Overrun = Out.Bool();

        // The line idles high: starting the synchroniser high avoids a false start after reset.
        var meta = Reg.Next(Rxd, reset: 1, name: "rxd_meta");
        var line = Reg.Next(meta, reset: 1, name: "rxd_sync");

        var countBits = UartTx.BitsFor(divisor - 1);
        var state = new Fsm<Phase>(Phase.Idle, name: "state");
        var cycleOfBit = Reg.UInt(countBits, reset: 0, name: "cycle_of_bit");
        var bitIndex = Reg.UInt(3, reset: 0, name: "bit_index");
        var data = Reg.UInt(8, reset: null, name: "data");
        var held = Reg.Bool(reset: false, name: "held");
        var heldData = Reg.UInt(8, reset: null, name: "held_data");
        var framingPulse = Reg.Bool(reset: false, name: "framing_pulse");
        var overrunPulse = Reg.Bool(reset: false, name: "overrun_pulse");

        var sampleNow = cycleOfBit == 0;
        framingPulse.Assign(false);
        overrunPulse.Assign(false);
        When(Output.Fire, () => held.Assign(false));

        state.On(Phase.Idle, () => When(!line, () =>
        {
            state.Next(Phase.StartBit);
            // Sampled in cycle t0 + Divisor/2: the middle of the start bit.
            cycleOfBit.Assign((ulong)(divisor / 2 - 1));
        }));
        state.On(Phase.StartBit, () => When(sampleNow, () =>
        {
            When(line, () => state.Next(Phase.Idle)).Otherwise(() =>
            {
                state.Next(Phase.DataBits);
                bitIndex.Assign(0UL);
                cycleOfBit.Assign((ulong)(divisor - 1));
            });
        }).Otherwise(() => cycleOfBit.Assign(cycleOfBit - 1)));
        state.On(Phase.DataBits, () => When(sampleNow, () =>
        {
            data.Assign(Hw.Cat(line, data[7, 1])); // LSB first: shift in from the top
            cycleOfBit.Assign((ulong)(divisor - 1));
            bitIndex.Assign(bitIndex + 1);
            When(bitIndex == 7, () => state.Next(Phase.StopBit));
        }).Otherwise(() => cycleOfBit.Assign(cycleOfBit - 1)));
        state.On(Phase.StopBit, () => When(sampleNow, () =>
        {
            When(line, () =>
            {
                state.Next(Phase.Idle);
                When(held & !Output.Ready, () => overrunPulse.Assign(true)).Otherwise(() =>
                {
                    held.Assign(true);
                    heldData.Assign(data);
                });
            }).Otherwise(() =>
            {
                state.Next(Phase.WaitForIdle);
                framingPulse.Assign(true);
            });
        }).Otherwise(() => cycleOfBit.Assign(cycleOfBit - 1)));
        state.On(Phase.WaitForIdle, () => When(line, () => state.Next(Phase.Idle)));

        Output.Valid.Assign(held);
        Output.Payload.Assign(heldData);
        FramingError.Assign(framingPulse);
        Overrun.Assign(overrunPulse);
    }
}
