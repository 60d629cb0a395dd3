using Zfpe.Reference.Evaluation;
using System.Globalization;
using Zfpe.Cli.Tests.Support;

namespace Zfpe.Cli.Tests;

/// <summary>
/// zfpe evaluate on a real weight tensor: a softmax layer trained on the UCI handwritten digits
/// that Debian's scikit-learn ships, compared under every default codec and baseline.
/// </summary>
public class EvaluateCommandTests : TempDirectoryTest
{
    private const int TrainImages = 1200;

    private static readonly string[] Methods =
    [
        "zfpe-b5", "zfpe-b9", "zfp-r8", "zfp-r12", "zfp-r8-1d", "zfp-r12-1d",
        "int8-asym-tensor", "int8-asym-channel", "int8-sym-tensor", "int8-sym-channel",
    ];

    internal sealed record Row(double BitsPerValue, double Rmse, double MaxError, double Psnr, double RelMean, double RelMax, double Ms, string Layout);

    internal static Dictionary<string, Row> ParseCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.Equal("method,bits_per_value,rmse,max_abs_error,psnr_db,rel_error_mean,rel_error_max,time_ms,layout", lines[0]);
        var rows = new Dictionary<string, Row>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(9, f.Length);
            var n = f[1..8].Select(x => double.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(f[0], new Row(n[0], n[1], n[2], n[3], n[4], n[5], n[6], f[8]));
        }
        return rows;
    }

    [Fact]
    public void Evaluate_compares_the_codecs_and_baselines_on_trained_digit_weights()
    {
        var digits = DigitsDataset.Load();
        Assert.Equal(1797, digits.Labels.Length);
        var model = new SoftmaxRegression();
        model.Train(digits.Images[..TrainImages], digits.Labels[..TrainImages], epochs: 8, learningRate: 0.1f, seed: 42);
        var testImages = digits.Images[TrainImages..];
        var testLabels = digits.Labels[TrainImages..];
        double accuracy = model.Accuracy(model.Weights, testImages, testLabels);
        Assert.True(accuracy > 0.9, $"the trained layer classifies only {accuracy:P1} of held-out digits");

        string weights = Dir.File("digits-w.npy"), csv = Dir.File("table.csv");
        NpyFile.Write(weights, new Tensor(model.Weights, [SoftmaxRegression.Classes, SoftmaxRegression.Inputs]));
        var result = ZfpeCli.Run("evaluate", "--in", weights, "--methods", string.Join(",", Methods), "--csv", csv);
        Assert.True(result.ExitCode == 0, result.ToString());

        // The text table: a header and one row per method, every number parses.
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("shape (10, 64), float32, 640 values", lines[0]);
        Assert.StartsWith("method", lines[1]);
        foreach (var method in Methods)
        {
            var cells = lines.Single(l => l.StartsWith(method + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(cells[1..8], c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        var rows = ParseCsv(csv);
        Assert.Equal(Methods, rows.Keys);
        double range = model.Weights.Max() - model.Weights.Min();
        foreach (var (method, row) in rows)
        {
            Assert.True(row.Rmse > 0 && row.Rmse <= row.MaxError, $"{method}: RMSE {row.Rmse}, max {row.MaxError}");
            Assert.Equal(20 * Math.Log10(range / row.Rmse), row.Psnr, 1e-3);
            Assert.True(row.RelMean > 0 && row.RelMean <= row.RelMax, $"{method}: relative errors {row.RelMean}, {row.RelMax}");
        }

        // Honest sizes: streams for the codecs, codes plus scales/offsets for the baselines.
        Assert.Equal(8.0, rows["zfpe-b5"].BitsPerValue);
        Assert.Equal(12.0, rows["zfpe-b9"].BitsPerValue);
        // In 2-D the 10 rows take 3 rows of 4x4 blocks (12 rows' worth): partial blocks cost bits.
        Assert.Equal(8.0 * 12 / 10, rows["zfp-r8"].BitsPerValue, 1e-12);
        Assert.Equal(12.0 * 12 / 10, rows["zfp-r12"].BitsPerValue, 1e-12);
        Assert.Equal(8.0, rows["zfp-r8-1d"].BitsPerValue);
        Assert.Equal("2-D 10x64 in 4x4 blocks", rows["zfp-r8"].Layout);
        Assert.Equal("1-D 640 in 4-value blocks", rows["zfp-r8-1d"].Layout);
        Assert.Equal("axis 0: 10 channels", rows["int8-sym-channel"].Layout);
        Assert.Equal(8 + 64.0 / 640, rows["int8-asym-tensor"].BitsPerValue, 1e-12);
        Assert.Equal(8 + 640.0 / 640, rows["int8-asym-channel"].BitsPerValue, 1e-12);
        Assert.Equal(8 + 32.0 / 640, rows["int8-sym-tensor"].BitsPerValue, 1e-12);
        Assert.Equal(8 + 320.0 / 640, rows["int8-sym-channel"].BitsPerValue, 1e-12);

        // More bits buy accuracy; per-channel scales fit each output's range at least as well.
        string table = File.ReadAllText(csv);
        Assert.True(rows["zfpe-b9"].Rmse < rows["zfpe-b5"].Rmse / 4, table);
        Assert.True(rows["zfp-r12"].Rmse < rows["zfp-r8"].Rmse / 4, table);
        Assert.True(rows["int8-asym-channel"].Rmse <= rows["int8-asym-tensor"].Rmse, table);
        Assert.True(rows["int8-sym-channel"].Rmse <= rows["int8-sym-tensor"].Rmse, table);
        // ZFP's embedded coder spends the same budget better than ZFPe's fixed windows, also flat in
        // blocks of 4 like ZFPe: the price of a coder that is a few muxes in hardware.
        Assert.True(rows["zfp-r8-1d"].Rmse < rows["zfpe-b5"].Rmse, table);
        Assert.True(rows["zfp-r12-1d"].Rmse < rows["zfpe-b9"].Rmse, table);

        // The layer still classifies after a round trip through the container at b = 9.
        string packed = Dir.File("w.zfpe"), restored = Dir.File("w9.npy");
        Assert.Equal(0, ZfpeCli.Run("compress", "--in", weights, "--out", packed, "--b", "9").ExitCode);
        Assert.Equal(0, ZfpeCli.Run("decompress", "--in", packed, "--out", restored).ExitCode);
        double restoredAccuracy = model.Accuracy(NpyFile.Read(restored).Values, testImages, testLabels);
        Assert.True(restoredAccuracy >= accuracy - 0.01, $"accuracy {accuracy:P1} fell to {restoredAccuracy:P1} after ZFPe b=9");
    }

    [Fact]
    public void Default_methods_cover_zfpe_zfp_int8_and_power_of_two()
    {
        string input = Dir.File("x.npy");
        NpyFile.Write(input, new Tensor(Enumerable.Range(0, 256).Select(i => MathF.Sin(i * 0.1f)).ToArray(), [16, 16]));
        var result = ZfpeCli.Run("evaluate", "--in", input);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var method in EvaluateMethod.Defaults)
            Assert.Contains("\n" + method + " ", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void The_reference_nn_data_is_evaluated_by_name_with_zfpe_plus_beside_the_authors_settings()
    {
        var result = ZfpeCli.Run("evaluate", "--dataset", "nn", "--methods", "zfpe-b5,zfpe-b5-s30-nearest,zfpe+");
        Assert.True(result.ExitCode == 0, result.ToString());
        TextAssert.ContainsAll(result.Stdout,
            "dataset nn: shape (128, 256), float32, 32768 values",
            "\nzfpe-b5 ",
            "\nzfpe-b5-s30-nearest ",
            "\nzfpe+ ");
    }

    [Theory]
    [InlineData("--dataset", "mnist", "--dataset 'mnist' is unknown: allowed nn, digits")]
    [InlineData("--methods", "zfpe-b5", "give either --in FILE or --dataset nn|digits")]
    public void A_dataset_must_be_known_and_given_instead_of_an_input(string option, string value, string message)
    {
        var result = ZfpeCli.Run("evaluate", option, value);
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr);
        string input = Dir.File("x.f32");
        RawF32File.Write(input, new[] { 1f, 2f, 3f, 4f });
        var both = ZfpeCli.Run("evaluate", "--in", input, "--dataset", "nn");
        Assert.Contains("give either --in FILE or --dataset nn|digits", both.Stderr);
    }

    [Fact]
    public void Help_lists_the_method_names()
    {
        var result = ZfpeCli.Run("evaluate", "--help");
        Assert.Equal(0, result.ExitCode);
        TextAssert.ContainsAll(result.Stdout,
            "zfpe-b<N>",
            "int8-asym-tensor",
            "pow2-<N>-<tensor|channel>");
    }

    public static TheoryData<string, string> BadMethods => new()
    {
        { "zfpe-b40", "'zfpe-b40': b (payload bits) = 40 is out of range: allowed 1..28" },
        { "int1-asym-tensor", "bits = 1 is out of range for UniformAsymmetric: allowed 2..16" },
        { "zfp-r0.5", "rate = 0.5 is out of range: allowed 1..32" },
        { "gzip", "'gzip' is not a method; methods are zfpe-b<N>" },
        { "zfpe-b5,zfpe-b5", "lists 'zfpe-b5' twice" },
    };

    [Theory]
    [MemberData(nameof(BadMethods))]
    public void Bad_methods_are_rejected_and_no_csv_is_written(string methods, string message)
    {
        string input = Dir.File("x.f32"), csv = Dir.File("t.csv");
        RawF32File.Write(input, new[] { 1f, 2f, 3f, 4f });
        var result = ZfpeCli.Run("evaluate", "--in", input, "--methods", methods, "--csv", csv);
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.False(File.Exists(csv));
    }

}
