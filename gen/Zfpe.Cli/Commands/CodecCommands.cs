using System.CommandLine;
using System.Globalization;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Evaluation;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>
/// <c>zfpe compress</c> and <c>zfpe decompress</c>: tensors (.npy, .f32) to a .zfpe container or
/// a bare block stream (--raw), and back.
/// </summary>
public static class CodecCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Compress();
        yield return Decompress();
    }

    private static Command Compress()
    {
        var input = new Option<string>("--in") { Description = TensorIo.InputDescription, Required = true };
        var array = TensorIo.ArrayOption();
        var output = new Option<string>("--out") { Description = "output: a .zfpe container, or with --raw the bare block stream (any other name, e.g. .raw); a device, pipe or /dev/stdout is written through", Required = true };
        var raw = new Option<bool>("--raw") { Description = "write the bare block stream (docs/zfpe-format.md §3 step 7) without the container header" };
        var codecOptions = new CodecOptions(encoder: true);
        var command = new Command("compress", "compress a tensor with ZFPe or ZFP into a .zfpe container (or a raw block stream)");
        command.Options.Add(input);
        command.Options.Add(array);
        command.Options.Add(output);
        codecOptions.AddTo(command);
        command.Options.Add(raw);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string inPath = parse.GetValue(input)!;
            bool rawStream = parse.GetValue(raw);
            var target = CommandOutput.Resolve(parse.GetValue(output)!, "--out", (inPath, "--in"));
            CheckCompressedName(target, rawStream, "--out");
            var codec = codecOptions.Build(parse);
            var tensor = TensorFile.Read(inPath, "--in", parse.GetValue(array));
            var payload = codec.Compress(tensor.Values, out bool nonFinite);
            if (nonFinite)
            {
                var decoded = codec.Decompress(payload, tensor.Values.Length);
                Console.Error.WriteLine($"warning: {NonFiniteValues.Scan(tensor).Summary(inPath)}. {NonFiniteValues.Policy(codec.Kind)} ({NonFiniteValues.Specification}); " +
                    NonFiniteValues.Outcome(tensor.Values, decoded, ZfpeCodec.BlockSize));
            }
            long written;
            if (rawStream)
            {
                CommandOutput.Write(target, stream => stream.Write(payload));
                written = payload.Length;
            }
            else
            {
                var contents = new ZfpeContainerContents { Codec = codec, Shape = tensor.Shape, OriginalDType = tensor.DType, Payload = payload };
                CommandOutput.Write(target, stream => ZfpeContainer.Write(stream, contents));
                written = ZfpeContainer.FileLength(codec, tensor.Shape);
            }
            long original = tensor.Values.LongLength * 4;
            CommandOutput.Report(target).WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target.Path}: {tensor.Values.Length} values, shape ({Tensor.ShapeText(tensor.Shape)}), {codec}: {original} -> {written} bytes ({8.0 * written / Math.Max(1, tensor.Values.Length):F3} bits/value{(rawStream ? ", raw stream" : ", container")})"));
            return CliRunner.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Compressed outputs are named like what they hold, as tensor outputs are: a container ends in
    /// .zfpe; a bare block stream may have any other name, except those of the other formats.
    /// Devices, pipes and stdout have no name to check.
    /// </summary>
    public static void CheckCompressedName(OutputFile output, bool rawStream, string option)
    {
        if (!output.NamesFile)
            return;
        string extension = Path.GetExtension(output.Path).ToLowerInvariant();
        if (!rawStream && extension != ContainerExtension)
            throw new CliException($"{option} {output.Path}: a container is named {ContainerExtension}, not '{extension}'; add --raw to write the bare block stream under another name");
        if (rawStream && extension is ContainerExtension or ".npy" or ".f32" or ".npz")
            throw new CliException($"{option} {output.Path}: '{extension}' names another format, but this is a bare block stream (no header); name it .raw or .bin");
    }

    public const string ContainerExtension = ".zfpe";

    private static Command Decompress()
    {
        var input = new Option<string>("--in") { Description = "a .zfpe container, or with --raw a bare block stream", Required = true };
        var output = new Option<string>("--out") { Description = "output tensor: .npy (original dtype and shape) or .f32 (raw float32); a device, pipe or /dev/stdout is written through (give --format)", Required = true };
        var raw = new Option<bool>("--raw") { Description = "the input is a bare block stream: give --count and the codec options it was written with" };
        var count = new Option<long>("--count") { Description = "with --raw: the number of values in the stream" };
        var format = new Option<string?>("--format") { Description = "npy or f32: the output format where --out's extension does not say it (a device, a pipe, /dev/stdout)" };
        var codecOptions = new CodecOptions();
        var command = new Command("decompress", "decompress a .zfpe container (or, with --raw, a bare block stream) to .npy or .f32");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(raw);
        command.Options.Add(count);
        codecOptions.AddTo(command);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            string inPath = parse.GetValue(input)!;
            var target = CommandOutput.Resolve(parse.GetValue(output)!, "--out", (inPath, "--in"));
            var tensorOutput = TensorFile.Output(target, "--out", parse.GetValue(format));
            if (!File.Exists(inPath))
                throw new CliException($"--in {inPath}: no such file");

            Tensor tensor;
            ContainerCodec codec;
            if (parse.GetValue(raw))
            {
                if (!CodecOptions.Given(parse, count))
                    throw new CliException("--count is required with --raw: a bare block stream does not record how many values it holds");
                long n = parse.GetValue(count);
                if (n < 0 || n > Array.MaxLength)
                    throw new CliException($"--count {n} is out of range: allowed 0..{Array.MaxLength}");
                codec = codecOptions.Build(parse);
                // The size is checked before anything is read: a wrong file may be huge.
                long length = new FileInfo(inPath).Length;
                long expected = codec.CompressedBytes(n);
                if (length != expected)
                    throw new CliException(
                        $"--in {inPath}: the raw stream has {length} bytes but {n} values with {codec} take {expected}; check --count and the codec options");
                tensor = new Tensor(codec.Decompress(File.ReadAllBytes(inPath), n), [n]);
            }
            else
            {
                var given = codecOptions.GivenOptions(parse).Concat(CodecOptions.Given(parse, count) ? ["--count"] : Array.Empty<string>()).ToList();
                if (given.Count > 0)
                    throw new CliException($"{string.Join(", ", given)}: a container records its codec and size; give these options only with --raw");
                var contents = ZfpeContainer.Read(inPath);
                codec = contents.Codec;
                tensor = new Tensor(codec.Decompress(contents.Payload, contents.ValueCount), contents.Shape, contents.OriginalDType);
            }
            TensorIo.Write(tensorOutput, tensor);
            CommandOutput.Report(target).WriteLine($"{target.Path}: {tensor.Values.Length} values, shape ({Tensor.ShapeText(tensor.Shape)}), decoded with {codec}");
            return CliRunner.Ok;
        }));
        return command;
    }
}
