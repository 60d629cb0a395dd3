using Zfpe.Cores.Board;
using Zfpe.Cores.Codec;
using Zfpe.Hdl.Lib.Basic;
using Zfpe.Hdl.Lib.Examples;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Designs;

/// <summary>Every design known to `zfpe gen`, `zfpe sim`, `zfpe synth` and `zfpe sweep`.</summary>
public static class DesignCatalog
{
    private static DesignParameter P(string name, string description, long def, long min, long max, params long[] allowed) =>
        new(name, description, def, min, max, allowed.Length == 0 ? null : allowed);

    public static IReadOnlyList<DesignInfo> All { get; } =
    [
        new("counter", "free-running counter with enable, clear and optional wrap limit (DSL example)",
            [P("width", "counter width in bits", 8, 1, 64), P("limit", "wrap at limit-1 (0: at 2^width)", 0, 0, long.MaxValue)],
            s => new Counter(s.Int("width"), s["limit"] == 0 ? null : s["limit"])),
        new("fifo", "synchronous stream FIFO with full/empty/level (DSL example)",
            [P("width", "payload bits", 8, 1, 4096), P("depth", "words", 16, 1, 1 << 20), P("bram", "1: registered reads mapped to block RAM", 0, 0, 1)],
            s => new SyncFifo(s.Int("width"), s.Int("depth"), s.Flag("bram"))),
        new("skid-buffer", "full register slice for a valid/ready stream (DSL example)",
            [P("width", "payload bits", 8, 1, 4096), P("last", "1: the stream carries last", 0, 0, 1)],
            s => new SkidBuffer(s.Int("width"), s.Flag("last"))),
        new("arbiter", "round-robin arbiter merging N streams (DSL example)",
            [P("inputs", "number of input streams", 4, 2, 64), P("width", "payload bits", 8, 1, 4096), P("lock", "1: hold the grant until last", 0, 0, 1)],
            s => new RoundRobinArbiter(s.Int("inputs"), s.Int("width"), s.Flag("lock"))),
        new("stream-merge", "N FIFOs merged by the round-robin arbiter into a skid buffer (composition example; used by `zfpe bench elaborate`)",
            [P("inputs", "number of input streams", 4, 2, 64), P("width", "payload bits", 8, 1, 4096), P("depth", "FIFO depth", 16, 1, 1 << 16)],
            s => new StreamMerge(s.Int("inputs"), s.Int("width"), s.Int("depth"))),
        new("compressor", "ZFPe compressor: `lanes` float32 values per cycle in, blocks (docs/zfpe-format.md §3 step 7) out",
            CodecParameters(), s => new ZfpeCompressor(CodecConfig(s))),
        new("decompressor", "ZFPe decompressor: blocks in, `lanes` float32 values per cycle out",
            CodecParameters(), s => new ZfpeDecompressor(CodecConfig(s))),
        new("uart-loopback", "UART receiver -> FIFO -> UART transmitter: echoes every byte (board-free UART example)",
            [P("clock-mhz", "clock of the logic in MHz", 100, 1, 400), P("baud", "bits per second (8N1)", 3_000_000, 300, 3_000_000),
             P("depth", "FIFO depth in bytes", 16, 1, 4096)],
            s => new UartLoopback(new UartConfig(s["clock-mhz"] * 1_000_000, s["baud"]), s.Int("depth"))),
        new("ulx3s-codec", "ULX3S board design: float32 values over the USB serial port, ZFPe compressed and decompressed, blocks and values sent back (gen/Zfpe.Cores/Board/PROTOCOL.md)",
            [P("clock-mhz", "design clock from the PLL, MHz", 100, Ulx3sCodecConfig.MinClockMhz, Ulx3sCodecConfig.MaxClockMhz),
             P("baud", "UART bits per second (8N1; the FT231X runs up to 3000000)", 3_000_000, 300, 3_000_000),
             .. CodecParameters()[..3],
             P("lanes", "float32 values per clock cycle in the codec", 1, 1, 4, 1, 2, 4),
             P("timeout-us", "quiet line inside a request before it is cut short, µs", 100_000, Ulx3sCodecConfig.MinIdleTimeoutUs, Ulx3sCodecConfig.MaxIdleTimeoutUs)],
            s => new Ulx3sCodec(new Ulx3sCodecConfig(s.Int("clock-mhz"), s["baud"], s.Int("b"), s.Int("exponent-bits"), s.Int("split"), s.Int("lanes"), s.Int("timeout-us")))),
    ];

    private static DesignParameter[] CodecParameters() =>
    [
        P("b", "payload bits per coefficient", 5, ZfpeCoreConfig.MinB, ZfpeCoreConfig.MaxB),
        P("exponent-bits", "width of the block exponent field", 8, 8, 9),
        P("split", "the flag picks the high window when u >> split != 0 (b..31)", 28, ZfpeCoreConfig.MinB, ZfpeCoreConfig.MaxSplit),
        P("lanes", "float32 values per clock cycle", 1, 1, 8, 1, 2, 4, 8),
    ];

    private static ZfpeCoreConfig CodecConfig(DesignSettings s) =>
        new(s.Int("b"), s.Int("exponent-bits"), s.Int("split"), s.Int("lanes"));

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
