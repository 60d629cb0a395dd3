using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// A true dual-port block RAM with byte enables: 1024 words, two ports that each read or write
/// any word every cycle, built from DP16KD primitives side by side (one per 18 bits of width).
/// Yosys 0.23 does not infer true dual-port block RAM from behavioural Verilog (two write ports
/// are mapped to flip-flops), so this instantiates the primitive. Read data appears
/// <c>ReadLatency</c> cycles after an enabled request; in a cycle where a port writes, its read
/// data follows its write mode. When both ports write the same word in the same cycle, or one
/// reads the word the other writes, the result is undefined in the hardware (and in the
/// simulation model it is port B's write, and the old word): avoid it.
/// </summary>
public sealed class TrueDualPortRam : Component
{
    public readonly RamRequest RequestA;
    public readonly RamRequest RequestB;
    public readonly UInt ReadDataA;
    public readonly UInt ReadDataB;

    public TrueDualPortRam(TrueDualPortRamConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Params(config);
        Config = config;
        var shape = RamRequest.Shape(TrueDualPortRamConfig.AddressBits, config.Width);
        RequestA = In.Of(shape);
        RequestB = In.Of(shape);
        ReadDataA = Out.UInt(config.Width);
        ReadDataB = Out.UInt(config.Width);

        var partsA = new List<HdlValue>();
        var partsB = new List<HdlValue>();
        for (var block = 0; block < config.Blocks; block++)
        {
            var bits = Math.Min(Dp16kd.Width, config.Width - block * Dp16kd.Width);
            var ram = Instance(new Dp16kd((RamWriteMode)config.WriteModeA, (RamWriteMode)config.WriteModeB, config.OutputRegister, bits), $"ram{block}");
            Connect(ram.A, RequestA, block, bits);
            Connect(ram.B, RequestB, block, bits);
            // Most significant block first.
            partsA.Insert(0, Hw.Cat(ram.A.DataOut.Reverse().ToArray<HdlValue>()));
            partsB.Insert(0, Hw.Cat(ram.B.DataOut.Reverse().ToArray<HdlValue>()));
        }
        ReadDataA.Assign(Hw.Cat(partsA.ToArray()));
        ReadDataB.Assign(Hw.Cat(partsB.ToArray()));
    }

    public TrueDualPortRamConfig Config { get; }

    /// <summary>Cycles from a request to its read data.</summary>
    public int ReadLatency => Config.ReadLatency;

    /// <summary>Bits [18·block + bits − 1, 18·block] of the request on one primitive's port.</summary>
    private static void Connect(Dp16kd.DpPort port, RamRequest request, int block, int bits)
    {
        var lo = block * Dp16kd.Width;
        for (var i = 0; i < Dp16kd.Width; i++)
            port.DataIn[i].Assign(i < bits ? request.Data[lo + i] : Hw.False);
        // ×18 mode: AD1..AD0 are the byte enables, AD3..AD2 unused, AD13..AD4 the word address.
        var firstByte = lo / TrueDualPortRamConfig.ByteBits;
        port.Address[0].Assign(request.ByteEnable[firstByte]);
        port.Address[1].Assign(bits > TrueDualPortRamConfig.ByteBits ? request.ByteEnable[firstByte + 1] : Hw.False);
        port.Address[2].Assign(false);
        port.Address[3].Assign(false);
        for (var i = 0; i < TrueDualPortRamConfig.AddressBits; i++) port.Address[4 + i].Assign(request.Address[i]);
        port.ClockEnable.Assign(request.Enable);
        port.OutputClockEnable.Assign(true);
        port.WriteEnable.Assign(request.Write);
        foreach (var cs in port.ChipSelect) cs.Assign(false);
        port.Reset.Assign(false);
    }
}
