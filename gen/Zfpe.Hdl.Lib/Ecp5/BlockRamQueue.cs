using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A FIFO queue of up to 1024 words on DP16KD block RAM read through the primitive's output
/// register (REGMODE OUTREG), for paths that must start at block RAM and still meet a fast clock:
/// without that register a DP16KD's read data arrive about 5.5 ns after the clock edge at speed 6,
/// which leaves no room for logic at 150 MHz. Port A writes what is pushed; port B reads ahead
/// into a four-word LUT-RAM queue whenever that queue, with the reads still in flight (the
/// output register makes them two cycles long), has room, so words come out one per cycle.
/// Holds 1024 words plus the four of its output queue; latency push → pop 4 cycles.
/// The width is padded to whole 18-bit DP16KD columns (one primitive per 18 bits).
/// </summary>
public sealed class BlockRamQueue : Component
{
    /// <summary>Words the block RAM holds (DP16KD in its ×18 mode).</summary>
    public const int Capacity = TrueDualPortRamConfig.Depth;

    /// <summary>Words of the output queue the reads land in.</summary>
    public const int OutputDepth = 4;

    /// <summary>Cycles from a push to the word's pop when the queue is empty: the write, the two-cycle read, the output queue.</summary>
    public const int Latency = 4;

    public readonly Stream<UInt> Push;
    public readonly Stream<UInt> Pop;

    public BlockRamQueue(int width)
    {
        if (width is < 1 or > 72) throw new ArgumentOutOfRangeException(nameof(width), width, $"width = {width} is out of range: allowed 1..72");
        Param("width", width, 32);
        Push = In.Stream(width, name: "push");
        Pop = Out.Stream(width, name: "pop");
        var ramWidth = (width + Dp16kd.Width - 1) / Dp16kd.Width * Dp16kd.Width;
        var ram = Instance(new TrueDualPortRam(new TrueDualPortRamConfig(Width: ramWidth, WriteModeA: 0, WriteModeB: 0, OutputRegister: true)), "ram");
        var output = Instance(new StreamQueue<UInt>(Shape.UInt(width), OutputDepth), "landing");

        var addressBits = TrueDualPortRamConfig.AddressBits;
        var writePointer = Reg.UInt(addressBits, reset: 0, name: "write_pointer");
        var readPointer = Reg.UInt(addressBits, reset: 0, name: "read_pointer");
        // Words written and not yet read out of the block RAM: 0..1024.
        var stored = Reg.UInt(addressBits + 1, reset: 0, name: "stored");
        // Reads in flight: issued one and two cycles ago (the second's data is on port B now).
        var inFlight1 = Reg.Bool(reset: false, name: "read_in_flight_1");
        var inFlight2 = Reg.Bool(reset: false, name: "read_in_flight_2");

        // stored is at most 1024 = 2^10: full is its top bit alone (no 11-bit comparison on the ready path).
        Push.Ready.Assign(!stored[addressBits]);
        var committed = output.Level + inFlight1.AsUInt().ZeroExtend(output.Level.Width) + inFlight2.AsUInt().ZeroExtend(output.Level.Width);
        var read = Wire.Bool("read");
        read.Assign((stored != 0) & (committed < OutputDepth));

        var allBytes = Hw.U((System.Numerics.BigInteger.One << (ramWidth / TrueDualPortRamConfig.ByteBits)) - 1, ramWidth / TrueDualPortRamConfig.ByteBits);
        ram.RequestA.Enable.Assign(Push.Fire);
        ram.RequestA.Write.Assign(true);
        ram.RequestA.ByteEnable.Assign(allBytes);
        ram.RequestA.Address.Assign(writePointer);
        ram.RequestA.Data.Assign(ramWidth == width ? Push.Payload : Push.Payload.ZeroExtend(ramWidth));
        ram.RequestB.Enable.Assign(read);
        ram.RequestB.Write.Assign(false);
        ram.RequestB.ByteEnable.Assign(allBytes);
        ram.RequestB.Address.Assign(readPointer);
        ram.RequestB.Data.Assign(Hw.U(0, ramWidth));

        When(Push.Fire, () => writePointer.Assign(writePointer + 1));
        When(read, () => readPointer.Assign(readPointer + 1));
        // One adder for both directions: + 1 on a push alone, + (2^11 − 1), that is − 1, on a read alone.
        var step = Hw.Cat(Hw.Repeat(read, addressBits), Hw.True);
        When(Push.Fire ^ read, () => stored.Assign(stored + step));
        inFlight1.Assign(read);
        inFlight2.Assign(inFlight1);

        // The output queue always has room for a word in flight: reads are only issued when it does.
        output.Push.Valid.Assign(inFlight2);
        output.Push.Payload.Assign(ram.ReadDataB[width - 1, 0]);
        Pop.ConnectFrom(output.Pop);
    }
}
