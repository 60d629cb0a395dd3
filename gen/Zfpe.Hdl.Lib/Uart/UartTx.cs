using System.Numerics;
using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// UART transmitter, 8N1: each byte taken from <see cref="Input"/> goes out on <see cref="Txd"/>
/// as a start bit (0), the 8 data bits LSB first and a stop bit (1), each bit
/// <see cref="UartConfig.Divisor"/> cycles long; the line idles high.
/// Timing contract (the C# twin is <see cref="UartSerializer"/>): a byte accepted at the rising
/// edge ending cycle k drives the line from cycle k + 1 to k + 10·Divisor. Input is ready again in
/// the last cycle of the stop bit, so back-to-back bytes leave no idle time (full line rate).
/// </summary>
public sealed class UartTx : Component
{
    /// <summary>The default configuration's divisor (100 MHz, 3 Mbit/s); others appear in the module name.</summary>
    public const int DefaultDivisor = 33;

    public readonly Stream<UInt> Input;
    public readonly Bool Txd;

    /// <summary>High while a frame is on the line.</summary>
    public readonly Bool Busy;

    public UartTx(UartConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var divisor = config.Divisor;
        Param("divisor", divisor, DefaultDivisor);

        Input = In.Stream(8);
        Txd = Out.Bool();
        Busy = Out.Bool();

        var countBits = BitsFor(divisor - 1);
        var line = Reg.Bool(reset: true, name: "line");
        // Bits still to leave the line after the one being driven: the data bits then the stop bit.
        var pending = Reg.UInt(9, reset: 0x1FF, name: "pending");
        // Bits of the frame not yet finished, the one on the line included; 0 when idle.
        var bitsLeft = Reg.UInt(4, reset: 0, name: "bits_left");
        var cycleOfBit = Reg.UInt(countBits, reset: 0, name: "cycle_of_bit");

        var active = bitsLeft != 0;
        var bitDone = cycleOfBit == 0;
        Input.Ready.Assign(!active | ((bitsLeft == 1) & bitDone));

        When(Input.Fire, () =>
        {
            line.Assign(false); // the start bit
            pending.Assign(Hw.Cat(Hw.True, Input.Payload));
            bitsLeft.Assign(10UL);
            cycleOfBit.Assign((ulong)(divisor - 1));
        }).ElseWhen(active, () =>
        {
            When(bitDone, () =>
            {
                // Ones shift in from the top, so the line rests high after the stop bit.
                line.Assign(pending[0]);
                pending.Assign(Hw.Cat(Hw.True, pending[8, 1]));
                bitsLeft.Assign(bitsLeft - 1);
                cycleOfBit.Assign((ulong)(divisor - 1));
            }).Otherwise(() => cycleOfBit.Assign(cycleOfBit - 1));
        });

        Txd.Assign(line);
        Busy.Assign(active);
    }

    internal static int BitsFor(long maxValue) => Math.Max(1, 64 - BitOperations.LeadingZeroCount((ulong)maxValue));
}
