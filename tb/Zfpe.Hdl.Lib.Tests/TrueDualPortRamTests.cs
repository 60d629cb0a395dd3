using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>
/// The true dual-port block RAM: random reads and byte-enabled writes on both ports against a C#
/// model of the words, for each write mode and read latency; DP16KD blocks after Yosys.
/// </summary>
public class TrueDualPortRamTests
{
    private sealed record Port(SimPort Enable, SimPort Write, SimPort ByteEnable, SimPort Address, SimPort Data, SimPort ReadData, RamWriteMode Mode);

    [Theory]
    [InlineData(36, RamWriteMode.ReadBeforeWrite, RamWriteMode.ReadBeforeWrite, true)]
    [InlineData(36, RamWriteMode.WriteThrough, RamWriteMode.Normal, false)]
    [InlineData(18, RamWriteMode.Normal, RamWriteMode.WriteThrough, true)]
    [InlineData(27, RamWriteMode.ReadBeforeWrite, RamWriteMode.WriteThrough, false)]
    [InlineData(9, RamWriteMode.WriteThrough, RamWriteMode.ReadBeforeWrite, true)]
    public void Both_ports_read_and_write_any_word_with_byte_enables_as_the_model_says(int width, RamWriteMode modeA, RamWriteMode modeB, bool outputRegister)
    {
        var config = new TrueDualPortRamConfig(width, (int)modeA, (int)modeB, outputRegister);
        var top = new TrueDualPortRam(config);
        var design = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(top));
        Assert.Equal("", VerilogTools.Lint(design));
        using var sim = Simulation.Create(design);
        Port Bind(RamRequest r, UInt read, RamWriteMode mode) =>
            new(sim.Port(r.Enable), sim.Port(r.Write), sim.Port(r.ByteEnable), sim.Port(r.Address), sim.Port(r.Data), sim.Port(read), mode);
        var ports = new[] { Bind(top.RequestA, top.ReadDataA, modeA), Bind(top.RequestB, top.ReadDataB, modeB) };

        var rng = new Random(width * 7 + (int)modeA * 3 + (int)modeB + (outputRegister ? 100 : 0));
        var words = new ulong[TrueDualPortRamConfig.Depth];
        var wordMask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        // What each port's read data register holds after each edge (the hardware's DO without
        // the output register), and the expected DO per cycle.
        var latched = new ulong[2];
        var delayed = new ulong[2];
        var checkedReads = 0;
        for (var cycle = 0; cycle < 30_000; cycle++)
        {
            // Requests: a few hot addresses so reads find earlier writes; never the same word on both ports.
            var requests = new (bool Enable, bool Write, ulong Bytes, int Address, ulong Data)[2];
            for (var p = 0; p < 2; p++)
            {
                int address;
                do address = rng.Next(4) == 0 ? rng.Next(TrueDualPortRamConfig.Depth) : rng.Next(16);
                while (p == 1 && address == requests[0].Address);
                requests[p] = (rng.Next(5) != 0, rng.Next(3) == 0, (ulong)rng.NextInt64(1L << config.Bytes), address, (ulong)rng.NextInt64() & wordMask);
                var port = ports[p];
                port.Enable.Poke(requests[p].Enable);
                port.Write.Poke(requests[p].Write);
                port.ByteEnable.Poke(requests[p].Bytes);
                port.Address.Poke((ulong)address);
                port.Data.Poke(requests[p].Data);
            }
            sim.Eval();
            for (var p = 0; p < 2; p++)
            {
                var expected = outputRegister ? delayed[p] : latched[p];
                Assert.True(expected == ports[p].ReadData.Peek(), $"cycle {cycle}, port {"AB"[p]}: read data {ports[p].ReadData.Peek():X}, expected {expected:X}");
                checkedReads++;
            }
            sim.Step();

            // The model's edge: the output register takes the read latch, the latch follows the mode, then the writes land.
            var before = (ulong[])words.Clone();
            for (var p = 0; p < 2; p++)
            {
                delayed[p] = latched[p];
                var r = requests[p];
                if (!r.Enable) continue;
                var written = Merge(before[r.Address], r.Data, r.Bytes, config.Bytes);
                latched[p] = !r.Write || ports[p].Mode == RamWriteMode.ReadBeforeWrite ? before[r.Address]
                    : ports[p].Mode == RamWriteMode.WriteThrough ? written
                    : latched[p];
                if (r.Write) words[r.Address] = written;
            }
        }
        Assert.Equal(60_000, checkedReads);
    }

    private static ulong Merge(ulong old, ulong data, ulong byteEnables, int bytes)
    {
        var mask = 0UL;
        for (var b = 0; b < bytes; b++)
            if ((byteEnables >> b & 1) == 1) mask |= 0x1FFUL << (TrueDualPortRamConfig.ByteBits * b);
        return (old & ~mask) | (data & mask);
    }

    [Theory]
    [InlineData(36, 2)]
    [InlineData(18, 1)]
    [InlineData(54, 3)]
    public void Yosys_keeps_one_DP16KD_per_18_bits_and_no_memory_in_the_fabric(int width, int blocks)
    {
        var (ok, stat) = VerilogTools.SynthEcp5(VerilogEmitter.Emit(new TrueDualPortRam(new TrueDualPortRamConfig(width))));
        Assert.True(ok, stat);
        Assert.Matches($@"DP16KD\s+{blocks}\b", stat);
        Assert.DoesNotMatch(@"TRELLIS_FF\s+\d", stat);
        Assert.DoesNotMatch(@"TRELLIS_DPR16X4\s+\d", stat);
    }

    [Fact]
    public void A_width_that_is_not_whole_bytes_is_refused_with_the_allowed_values()
    {
        var e = Assert.Throws<ParameterValueException>(() => new TrueDualPortRam(new TrueDualPortRamConfig(Width: 32)));
        Assert.Equal("parameter 'width' = 32 is out of range (allowed: 9|18|27|36|45|54|63|72)", e.Message);
    }
}
