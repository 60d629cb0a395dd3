using System.CommandLine;
using System.Globalization;
using Zfpe.Cores.Codec;
using Zfpe.Cores.Designs;
using Zfpe.Cores.Float;
using Zfpe.Hdl.Emit;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Evaluation;
using Zfpe.Reference.Files;
using Zfpe.Sim;

namespace Zfpe.Cli.Commands;

/// <summary>
/// <c>zfpe sim &lt;design&gt; --in F --out F [--set k=v]... [--seed N] [--stall P] [--waves F.fst] [--count N]</c>:
/// runs the Verilated RTL of a codec core on a file. compressor: floats (.f32/.npy) in, the raw
/// block stream out (the bytes <c>zfpe compress --raw</c> writes); decompressor: a raw block
/// stream in (with --count), floats out.
/// </summary>
public static class SimCommands
{
    public static Command Create()
    {
        var design = new Argument<string>("design") { Description = "compressor, decompressor, float-mul or float-add" };
        var input = new Option<string>("--in") { Description = "compressor: .f32, .npy or .npz (with --array) values; decompressor: a raw block stream; float-mul, float-add: raw little-endian float32 pairs a0 b0 a1 b1 ...", Required = true };
        var array = TensorIo.ArrayOption();
        var output = new Option<string>("--out") { Description = "compressor: the raw block stream; decompressor: .f32 or .npy values; float-mul, float-add: the raw float32 results in order", Required = true };
        var set = GenCommands.SetOption();
        var seed = new Option<int>("--seed") { Description = "seed of the random idle and backpressure cycles", DefaultValueFactory = _ => 1 };
        var stall = new Option<double>("--stall") { Description = "probability of an idle input cycle and of a backpressure cycle at the output (0 <= P < 1)", DefaultValueFactory = _ => 0 };
        var waves = new Option<string?>("--waves") { Description = "write waves to this .fst (or .vcd) file" };
        var count = new Option<long?>("--count") { Description = "decompressor: the number of values in the raw stream" };
        var cmd = new Command("sim", "run a core's Verilated RTL on a file (compressor: floats to a raw block stream; decompressor: the reverse; float-mul, float-add: float32 pairs to results)")
        {
            design, input, array, output, set, seed, stall, waves, count,
        };
        cmd.SetAction(r => CliRunner.Run(() =>
        {
            var info = DesignCatalog.Get(r.GetValue(design)!);
            var settings = info.Resolve(DesignCatalog.ParseSettings(r.GetValue(set)!));
            var p = r.GetValue(stall);
            if (!(p >= 0 && p < 1))
                throw new CliException($"--stall {p.ToString(CultureInfo.InvariantCulture)} is out of range: give a probability 0 <= P < 1 (1 would stall forever)");
            var component = info.Build(settings);
            var inPath = r.GetValue(input)!;
            var wavesPath = r.GetValue(waves);
            var target = CommandOutput.Resolve(r.GetValue(output)!, "--out", (inPath, "--in"));
            if (wavesPath is not null)
                CommandOutput.Resolve(wavesPath, "--waves", (inPath, "--in")).RefuseOutput(target);
            var options = WaveOptions(wavesPath, info.Name);
            if (component is not ZfpeCompressor && r.GetValue(array) is { } name)
                throw new CliException($"--array {name} applies to the compressor only: {info.Name} reads a raw stream");
            try
            {
                return component switch
                {
                    ZfpeCompressor c => Compress(c, options, TensorFile.Read(inPath, "--in", r.GetValue(array)), inPath, target, p, r.GetValue(seed), r.GetValue(count)),
                    ZfpeDecompressor d => Decompress(d, options, inPath, target, p, r.GetValue(seed), r.GetValue(count)),
                    FloatMultiplier f => FloatPairs(f, f.Input, f.Output, info.Name, options, inPath, target, p, r.GetValue(seed), r.GetValue(count)),
                    FloatAdder f => FloatPairs(f, f.Input, f.Output, info.Name, options, inPath, target, p, r.GetValue(seed), r.GetValue(count)),
                    _ => throw new CliException($"zfpe sim runs the cores on files: compressor, decompressor, float-mul or float-add; '{info.Name}' has no file format to drive it with"),
                };
            }
            catch (SimulationException e)
            {
                throw new CliException($"the simulation of {info.Name} failed: {e.Message}", CliRunner.ToolFailed);
            }
        }));
        return cmd;
    }

    private static int Compress(ZfpeCompressor core, SimOptions options, Tensor tensor, string inPath, OutputFile target, double stall, int seed, long? count)
    {
        if (count is not null)
            throw new CliException("--count applies to the decompressor only: the compressor reads the value count from --in");
        CodecCommands.CheckCompressedName(target, rawStream: true, "--out");
        var values = tensor.Values.Select(BitConverter.SingleToUInt32Bits).ToArray();
        if (values.Length == 0) throw new CliException($"--in {inPath} holds no values");
        using var sim = Start(core, options);
        sim.Poke(core.ClearStatus, 0UL);
        var blocks = (values.Length + 3) / 4;
        var result = StreamRunner.Run(sim, sim.Stream(core.Values), sim.Stream(core.Blocks), ZfpeBeats.FromValues(core.Config, values),
            (blocks + core.Config.BlockLanes - 1) / core.Config.BlockLanes, stall, seed);
        var bytes = ZfpeBlockStream.Pack(ZfpeBeats.Blocks(core.Config, result.Output)[..blocks], core.Config.BlockBits);
        CommandOutput.Write(target, stream => stream.Write(bytes));
        if (sim.PeekBool(core.NonFinite))
        {
            var parameters = new ZfpeParameters(core.Config.B, core.Config.ExponentBits, core.Config.Split);
            var decoded = ZfpeCodec.Decompress(bytes, tensor.Values.Length, parameters);
            Console.Error.WriteLine($"warning: {NonFiniteValues.Scan(tensor).Summary(inPath)}; the core raised non_finite. {NonFiniteValues.Policy(CodecKind.Zfpe)} ({NonFiniteValues.Specification}); " +
                NonFiniteValues.Outcome(tensor.Values, decoded, ZfpeCodec.BlockSize));
        }
        Report(target, $"{values.Length} values -> {blocks} blocks, {bytes.Length} bytes", values.Length, result.Cycles, core.Config, stall, seed, sim);
        return CliRunner.Ok;
    }

    private static int Decompress(ZfpeDecompressor core, SimOptions options, string inPath, OutputFile target, double stall, int seed, long? count)
    {
        var tensorOutput = TensorFile.Output(target, "--out");
        if (count is not { } n)
            throw new CliException("--count is required for the decompressor: a raw block stream does not record how many values it holds");
        if (n < 1 || n > Array.MaxLength)
            throw new CliException($"--count {n} is out of range: allowed 1..{Array.MaxLength}");
        if (!File.Exists(inPath)) throw new CliException($"--in {inPath}: no such file");
        var length = new FileInfo(inPath).Length;
        var blocks = (int)((n + 3) / 4);
        var expected = ((long)blocks * core.Config.BlockBits + 7) / 8;
        if (length != expected)
            throw new CliException(
                $"--in {inPath}: the raw stream has {length} bytes but {n} values in blocks of {core.Config.BlockBits} bits (b = {core.Config.B}, exponent-bits = {core.Config.ExponentBits}) take {expected}; check --count and --set");
        var stream = File.ReadAllBytes(inPath);
        using var sim = Start(core, options);
        var beats = ZfpeBeats.FromBlocks(core.Config, ZfpeBlockStream.Unpack(stream, blocks, core.Config.BlockBits));
        var result = StreamRunner.Run(sim, sim.Stream(core.Blocks), sim.Stream(core.Values), beats,
            (long)beats.Length * core.Config.BlockLanes * ZfpeCoreConfig.BlockSize / core.Config.Lanes, stall, seed);
        var values = ZfpeBeats.Values(result.Output).Take((int)n).Select(BitConverter.UInt32BitsToSingle).ToArray();
        TensorIo.Write(tensorOutput, new Tensor(values, [n]));
        Report(target, $"{blocks} blocks -> {n} values", n, result.Cycles, core.Config, stall, seed, sim);
        return CliRunner.Ok;
    }

    /// <summary>float-mul, float-add: raw float32 pairs in, one float32 result per pair out, in order.</summary>
    private static int FloatPairs(Zfpe.Hdl.Component core, Zfpe.Hdl.Stream<FloatOperands> input, Zfpe.Hdl.Stream<Zfpe.Hdl.UInt> output, string design,
        SimOptions options, string inPath, OutputFile target, double stall, int seed, long? count)
    {
        if (count is not null)
            throw new CliException($"--count applies to the decompressor only: {design} takes the pair count from the size of --in");
        if (!File.Exists(inPath)) throw new CliException($"--in {inPath}: no such file");
        var length = new FileInfo(inPath).Length;
        if (length % 4 != 0)
            throw new CliException($"--in {inPath}: {length} bytes is not a whole number of float32 values (4 bytes each); give raw little-endian float32 pairs a0 b0 a1 b1 ...");
        if (length == 0) throw new CliException($"--in {inPath} holds no values: give raw little-endian float32 pairs a0 b0 a1 b1 ...");
        if (length / 4 % 2 != 0)
            throw new CliException($"--in {inPath} holds {length / 4} float32 values, an odd count: {design} takes pairs a0 b0 a1 b1 ..., two values per result");
        if (length > (long)int.MaxValue)
            throw new CliException($"--in {inPath}: {length} bytes is more than this command reads at once ({int.MaxValue}); split the file");
        var bytes = File.ReadAllBytes(inPath);
        var pairs = bytes.Length / 8;
        using var sim = Start(core, options);
        var beats = Enumerable.Range(0, pairs).Select(i => new[] { BitConverter.ToUInt32(bytes, 8 * i), BitConverter.ToUInt32(bytes, 8 * i + 4) }).ToList();
        var run = StreamRunner.Run(sim, sim.Stream(input), sim.Stream(output), beats, pairs, stall, seed);
        var results = run.Output.SelectMany(beat => BitConverter.GetBytes(beat[0])).ToArray();
        var cycles = run.Cycles;
        CommandOutput.Write(target, stream => stream.Write(results));
        var report = CommandOutput.Report(target);
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Path}: {pairs} pairs -> {pairs} results in {cycles} cycles ({pairs / (double)Math.Max(1, cycles):F3} pairs/cycle; stall {stall}, seed {seed})"));
        if (sim.WavePath is { } wavePath) report.WriteLine($"waves: {wavePath}");
        return CliRunner.Ok;
    }

    private static Simulation Start(Zfpe.Hdl.Component core, SimOptions options)
    {
        try
        {
            // The multiplier's MULT18X18D needs its behavioural model; other designs pass unchanged.
            return Simulation.Create(Zfpe.Hdl.Lib.Ecp5.Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(core)), options);
        }
        catch (SimBuildException e)
        {
            throw new CliException(e.Message, CliRunner.MissingTool);
        }
    }

    private static SimOptions WaveOptions(string? path, string design)
    {
        if (path is null) return new SimOptions { Name = design, Waves = WaveFormat.None };
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var format = extension switch
        {
            ".fst" => WaveFormat.Fst,
            ".vcd" => WaveFormat.Vcd,
            _ => throw new CliException($"--waves {path}: unknown extension '{extension}'; use .fst or .vcd"),
        };
        var full = Path.GetFullPath(path);
        return new SimOptions { Name = Path.GetFileNameWithoutExtension(full), WaveDirectory = Path.GetDirectoryName(full), Waves = format };
    }

    private static void Report(OutputFile target, string what, long values, long cycles, ZfpeCoreConfig config, double stall, int seed, Simulation sim)
    {
        var report = CommandOutput.Report(target);
        report.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target.Path}: {what} in {cycles} cycles ({values / (double)Math.Max(1, cycles):F3} values/cycle; lanes {config.Lanes}, stall {stall}, seed {seed})"));
        if (sim.WavePath is { } wavePath) report.WriteLine($"waves: {wavePath}");
    }
}
