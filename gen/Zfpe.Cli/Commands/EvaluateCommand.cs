using System.CommandLine;
using System.Globalization;
using System.Text;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary><c>zfpe evaluate</c>: what each codec and quantization baseline does to a tensor, side by side.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = TensorIo.InputDescription, Required = true };
        var array = TensorIo.ArrayOption();
        var methods = new Option<string>("--methods")
        {
            Description = $"comma-separated methods; names: {EvaluateMethod.Grammar}",
            DefaultValueFactory = _ => string.Join(",", EvaluateMethod.Defaults),
        };
        var csv = new Option<string?>("--csv") { Description = "also write the table as CSV to this file" };
        var command = new Command("evaluate",
            "compare ZFPe, ZFP and quantization baselines on a tensor: bits/value (block stream, or codes plus scales; no file headers), " +
            "RMSE, max error, PSNR over the data range, relative error over non-zero values, round-trip time");
        command.Options.Add(input);
        command.Options.Add(array);
        command.Options.Add(methods);
        command.Options.Add(csv);
        command.SetAction(parse => CliRunner.Run(() =>
        {
            var list = EvaluateMethod.ParseList(parse.GetValue(methods)!);
            string inPath = parse.GetValue(input)!;
            string? csvPath = parse.GetValue(csv);
            var csvOutput = csvPath is null ? null : CommandOutput.Resolve(csvPath, "--csv", (inPath, "--in"));
            var tensor = TensorIo.Read(inPath, "--in", parse.GetValue(array));
            CheckFinite(tensor, inPath);
            Console.WriteLine(Describe(inPath, tensor));
            if (tensor.Shape.Length < 2 && list.Any(m => m.IsPerChannel))
                Console.Error.WriteLine($"note: the input has rank {tensor.Shape.Length}, so per-channel methods give every value its own scale");

            var results = new List<EvaluateResult>();
            long n = tensor.Values.Length;
            using (var bar = ProgressBar.StartIfUseful(n, n * list.Count))
            {
                foreach (var method in list)
                {
                    bar?.Advance(0, method.Name);
                    results.Add(method.Run(tensor, done => bar?.Advance(done, method.Name)));
                }
            }
            Console.Write(EvaluateTable.Text(results));
            if (csvOutput != null)
                CommandOutput.Write(csvOutput, stream => stream.Write(Encoding.UTF8.GetBytes(EvaluateTable.Csv(results))));
            return CliRunner.Ok;
        }));
        return command;
    }

    private static void CheckFinite(Tensor tensor, string path)
    {
        var values = tensor.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new CliException($"--in {path}: value {i} is {values[i]}; evaluate needs finite data (compress accepts NaN/Inf and replaces them)");
        }
    }

    private static string Describe(string path, Tensor tensor)
    {
        var values = tensor.Values;
        float min = values.Length == 0 ? 0 : values.Min();
        float max = values.Length == 0 ? 0 : values.Max();
        string dtype = tensor.DType == TensorDType.Float64 ? "float64 (rounded to float32; errors are against the float32 values)" : "float32";
        return string.Create(CultureInfo.InvariantCulture,
            $"{path}: shape ({Tensor.ShapeText(tensor.Shape)}), {dtype}, {values.Length} values in [{min:G6}, {max:G6}]");
    }
}
