using Zfpe.Reference.Files;
using Zfpe.Reference.Training;

namespace Zfpe.Cli.Tests;

/// <summary>zfpe train-mlp, zfpe study and zfpe evaluate --dataset mlp-weights, run as a user runs them.</summary>
public class TrainMlpCommandTests : TempDirectoryTest
{
    private static ProcessResult Train(string dir, params string[] more) =>
        ZfpeCli.Run(["train-mlp", "--out", dir, "--hidden", "16", "--epochs", "2", .. more]);

    [Fact]
    public void Train_mlp_writes_a_model_that_reads_back_and_the_same_seed_gives_the_same_bytes()
    {
        string a = Dir.Sub("a"), b = Dir.Sub("b");
        var result = Train(a, "--seed", "9");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("64 → 16 → 10, seed 9, 2 epochs on 1438 images: float32 test accuracy", result.Stdout);
        Assert.True(Train(b, "--seed", "9").ExitCode == 0);
        foreach (string name in MlpModelFile.FileNames(2))
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(b, name)));

        var mlp = MlpModelFile.Read(Path.Combine(a, "model.json"));
        Assert.Equal([(16, 64), (10, 16)], mlp.Layers.Select(l => (l.Outputs, l.Inputs)));
        Assert.Equal([359L, 64L], NpyFile.Read(Path.Combine(a, "X.npy")).Shape);
        Assert.Equal([359L], NpyFile.Read(Path.Combine(a, "labels.npy")).Shape);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs 0 is out of range: allowed 1..1000")]
    [InlineData("--hidden", "64,0", "--hidden width 0 is out of range: allowed 1..1024")]
    [InlineData("--seed", "-1", "--seed -1 is out of range: allowed 0..")]
    public void Bad_parameters_are_refused_and_nothing_is_written(string option, string value, string message)
    {
        string dir = Dir.Sub("out");
        var result = ZfpeCli.Run("train-mlp", "--out", dir, option, value);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void A_symbolic_link_among_the_outputs_is_refused_and_its_target_kept()
    {
        string dir = Dir.Sub("out");
        Directory.CreateDirectory(dir);
        string target = Dir.File("keep.txt");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(Path.Combine(dir, "w1.npy"), target);
        var result = Train(dir);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("w1.npy exists and is a symbolic link", result.Stderr);
        Assert.Equal("keep", File.ReadAllText(target));
    }

    [Fact]
    public void Study_prints_the_dense_layer_blocking_and_accuracy_tables()
    {
        var result = ZfpeCli.Run("study", "--methods", "float32,zfpe+");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("| method | weights | inputs | bias | all |", result.Stdout);
        Assert.Contains("| float32 | 0 | 0 | 0 | 0 |", result.Stdout);
        Assert.Contains("| float32 | 0 | 0 | — | 0 |", result.Stdout);
        Assert.Contains("| method | mlp-layer1 rows | mlp-layer1 columns | mlp-layer2 rows | mlp-layer2 columns | nn rows | nn columns |", result.Stdout);
        Assert.Contains("| method | weights | weights + activations |", result.Stdout);
        // A row per method in each of the five tables: three dense layers, the blocking, the accuracy.
        Assert.Equal(5, result.Stdout.Split('\n').Count(l => l.StartsWith("| zfpe+ |", StringComparison.Ordinal)));
    }

    [Fact]
    public void Evaluate_takes_the_trained_weights_as_a_data_set()
    {
        var result = ZfpeCli.Run("evaluate", "--dataset", "mlp-weights", "--methods", "zfpe+,int8-sym-channel");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dataset mlp-weights: shape (138, 64), float32, 8832 values", result.Stdout);
        Assert.Contains("int8-sym-channel", result.Stdout);
    }
}
