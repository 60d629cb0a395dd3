using Zfpe.Cores.Accelerator;
using Zfpe.Cores.Board;
using Zfpe.Cores.Codec;
using Zfpe.Cores.Float;
using Zfpe.Cores.Processing;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Basic;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Examples;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Designs;

/// <summary>Every design known to `zfpe gen`, `zfpe sim`, `zfpe synth` and `zfpe sweep`.</summary>
public static class DesignCatalog
{
    public static IReadOnlyList<DesignInfo> All { get; } =
    [
        DesignInfo.Of<CounterConfig>("counter", "free-running counter with enable, clear and optional wrap limit (DSL example)",
            c => new Counter(c.Width, c.Limit == 0 ? null : c.Limit)),
        DesignInfo.Of<SyncFifoConfig>("fifo", "synchronous stream FIFO with full/empty/level (DSL example)",
            c => new SyncFifo(c.Width, c.Depth, c.Bram)),
        DesignInfo.Of<SkidBufferConfig>("skid-buffer", "full register slice for a valid/ready stream (DSL example)",
            c => new SkidBuffer(c.Width, c.Last)),
        DesignInfo.Of<RoundRobinArbiterConfig>("arbiter", "round-robin arbiter merging N streams (DSL example)",
            c => new RoundRobinArbiter(c.Inputs, c.Width, c.Lock)),
        DesignInfo.Of<StreamMergeConfig>("stream-merge", "N FIFOs merged by the round-robin arbiter into a skid buffer (composition example; used by `zfpe bench elaborate`)",
            c => new StreamMerge(c.Inputs, c.Width, c.Depth)),
        DesignInfo.Of<StreamQueueConfig>("stream-queue", "typed stream FIFO queue, LUT or block RAM, with last (stream library)",
            c => new StreamQueue<UInt>(Shape.UInt(c.Width), c.Depth, c.Storage, c.Last)),
        DesignInfo.Of<StreamForkConfig>("stream-fork", "one stream to N, every output gets every beat (stream library)",
            c => new StreamFork<UInt>(Shape.UInt(c.Width), c.Outputs, c.Mode)),
        DesignInfo.Of<StreamArbiterConfig>("stream-arbiter", "N streams to one, round-robin or priority, fragments kept whole (stream library)",
            c => new StreamArbiter<UInt>(Shape.UInt(c.Width), c.Inputs, c.Policy, c.Lock, c.RegisteredGrant)),
        DesignInfo.Of<StreamWidthConfig>("stream-widen", "N narrow beats to one wide beat, partial at a fragment's end (stream library)",
            c => new StreamWiden<UInt>(Shape.UInt(c.Width), c.Ratio, c.Last)),
        DesignInfo.Of<StreamWidthConfig>("stream-narrow", "one wide beat to N narrow beats (stream library)",
            c => new StreamNarrow<UInt>(Shape.UInt(c.Width), c.Ratio, c.Last)),
        DesignInfo.Of<CreditSenderConfig>("credit-sender", "sender side of credit-based flow control (stream library)",
            c => new CreditSender<UInt>(Shape.UInt(c.Width), c.Credits, c.Last)),
        DesignInfo.Of<Ecp5MultiplierConfig>("ecp5-multiplier", "A x B on one ECP5 MULT18X18D with its pipeline registers inside the DSP (ECP5 building block)",
            c => new Ecp5Multiplier(c)),
        DesignInfo.Of<TrueDualPortRamConfig>("tdp-ram", "true dual-port block RAM with byte enables, 1024 words, DP16KD side by side (ECP5 building block)",
            c => new TrueDualPortRam(c)),
        DesignInfo.Of<SdramControllerConfig>("sdram-ctrl", "SDR SDRAM controller: runs of words in, read words out, one open row per bank, a word per cycle on row hits, refresh, the chip's pins (gen/Zfpe.Hdl.Lib/README.md)",
            c => new SdramController(c)),
        DesignInfo.Of<BurstArbiterConfig>("burst-arbiter", "N request streams share one SDRAM controller: the grant held for a whole run, round-robin or priority, read words routed back to their port through block-RAM queues, credits so none overflows (gen/Zfpe.Hdl.Lib/README.md)",
            c => new BurstArbiter(c)),
        DesignInfo.Of<MemorySystemConfig>("memory-system", "burst-arbiter + sdram-ctrl: N ports on one side, the SDRAM chip's pins (data bus split in/out/enable) on the other (gen/Zfpe.Hdl.Lib/README.md)",
            c => new MemorySystem(c)),
        DesignInfo.Of<ZfpeCoreConfig>("compressor", "ZFPe compressor: `lanes` float32 values per cycle in, blocks (docs/zfpe-format.md §3 step 7) out; `rounding` truncate (the authors') or nearest (ZFPe+, §3.1)",
            c => new ZfpeCompressor(c)),
        DesignInfo.Of<ZfpeCoreConfig>("decompressor", "ZFPe decompressor: blocks in, `lanes` float32 values per cycle out",
            c => new ZfpeDecompressor(c),
            omit: new Dictionary<string, string> { [ZfpeCoreConfig.RoundingParameter] = "it is an encoder parameter, and the decompressor decodes the blocks of every rounding (docs/zfpe-format.md §3.1)" }),
        DesignInfo.Of<FloatCoreConfig>("float-mul", "simplified float multiplier (gen/Zfpe.Reference/Float/README.md): float32 pairs in, products out, one MULT18X18D at m <= 18",
            c => new FloatMultiplier(c)),
        DesignInfo.Of<FloatCoreConfig>("float-add", "simplified float adder (gen/Zfpe.Reference/Float/README.md): float32 pairs in, sums out; align, add, normalise by shifts 9/5/2/1/1 at m = 18",
            c => new FloatAdder(c)),
        DesignInfo.Of<PeConfig>("pe", "processing element: float-mul + float-add multiply-accumulating K outputs x B batch rows, partial sums circulating through a block-RAM queue (gen/Zfpe.Cores/Processing)",
            c => new ProcessingElement(c)),
        DesignInfo.Of<PeArrayConfig>("pe-array", "dense layer on `pes` processing elements: weights dealt PE by PE once per tile, inputs broadcast, results drained PE after PE with padding dropped and optional ReLU (gen/Zfpe.Cores/Processing)",
            c => new PeArray(c)),
        DesignInfo.Of<AcceleratorCoreConfig>("accel-core", "the accelerator without its board: a dense layer from ZFPe weights and inputs in SDRAM to ZFPe outputs in SDRAM (readers, decompressors, pe-array, compressor, writer, memory-system; a host port; counters) (gen/Zfpe.Cores/Accelerator)",
            c => new AcceleratorCore(c)),
        DesignInfo.Of<Ulx3sAccelConfig>("ulx3s-accel", "ULX3S board design: the ZFPe accelerator (accel-core) on the USB serial port (gen/Zfpe.Cores/Accelerator/PROTOCOL.md) with the board's SDRAM; runs dense layers and MLPs set up by the host (`zfpe run`)",
            c => new Ulx3sAccel(c)),
        DesignInfo.Of<UartLoopbackConfig>("uart-loopback", "UART receiver -> FIFO -> UART transmitter: echoes every byte (board-free UART example)",
            c => new UartLoopback(c.Uart, c.Depth)),
        DesignInfo.Of<Ulx3sCodecConfig>("ulx3s-codec", "ULX3S board design: float32 values over the USB serial port, ZFPe compressed and decompressed, blocks and values sent back (gen/Zfpe.Cores/Board/PROTOCOL.md)",
            c => new Ulx3sCodec(c)),
        DesignInfo.Of<Ulx3sMemtestConfig>("ulx3s-memtest", "ULX3S board design: writes a pseudo-random pattern over the SDRAM, reads it back, reports errors per pass over the USB serial port (text) and the LEDs", c => new Ulx3sMemtest(c)),
    ];

    public static DesignInfo Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"unknown design '{name}'; the designs are: {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>Parses repeated `--set k=v` arguments.</summary>
    public static IReadOnlyDictionary<string, string> ParseSettings(IEnumerable<string> sets)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sets)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0 || eq == s.Length - 1) throw new ArgumentException($"--set '{s}' is not of the form name=value");
            var key = s[..eq].Trim();
            if (!result.TryAdd(key, s[(eq + 1)..].Trim())) throw new ArgumentException($"--set gives parameter '{key}' twice");
        }
        return result;
    }
}
