using Zfpe.Reference.Files;

namespace Zfpe.Cli.Tests;

/// <summary>zfpe run on the simulated ulx3s-accel board, as a user runs it: a trained model end to end, and bad input refused.</summary>
public class RunCommandTests : TempDirectoryTest
{
    /// <summary>A small, quick simulation build: 4 PEs, a 25 MHz clock at 2.5 Mbit/s.</summary>
    private static readonly string[] SimSettings = ["--sim", "--set", "pes=4", "--set", "clock-mhz=25", "--set", "baud=2500000", "--set", "timeout-us=1000"];

    private string TrainedModel()
    {
        var dir = Dir.Sub("mlp");
        var trained = ZfpeCli.Run("train-mlp", "--out", dir, "--hidden", "16", "--epochs", "3");
        Assert.True(trained.ExitCode == 0, trained.ToString());
        return dir;
    }

    [Fact]
    public void A_trained_mlp_runs_on_the_simulated_accelerator_bit_exact_and_reports_its_accuracy()
    {
        var model = TrainedModel();
        var output = Dir.File("y.npy");
        var result = ZfpeCli.InRepository(["run", "--model", Path.Combine(model, "model.json"), "--inputs", Path.Combine(model, "X.npy"),
            "--labels", Path.Combine(model, "labels.npy"), "--out", output, .. SimSettings, "--backdoor"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("result: PASS (bit-exact with the accelerator reference)", result.Stdout);
        Assert.Contains("layer 2: 10 x 16:", result.Stdout);
        Assert.Matches(@"accuracy: \d+\.\d\d % on the accelerator, \d+\.\d\d % in float64 \(359 examples\)", result.Stdout);
        Assert.Equal([359L, 10L], NpyFile.Read(output).Shape);
    }

    [Fact]
    public void A_batch_of_the_wrong_shape_is_refused_and_nothing_is_written()
    {
        var model = TrainedModel();
        var inputs = Dir.File("x.npy");
        NpyFile.Write(inputs, new Tensor(new float[5 * 63], [5, 63]));
        var output = Dir.File("y.npy");
        var result = ZfpeCli.InRepository(["run", "--model", Path.Combine(model, "model.json"), "--inputs", inputs, "--out", output, .. SimSettings]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("has shape (5, 63), but the model takes (batch, 64)", result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_model_whose_layers_do_not_chain_is_refused()
    {
        var model = TrainedModel();
        var json = Path.Combine(model, "model.json");
        // The second layer's weights where the first's belong: 16 inputs where the batch has 64.
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"w1.npy\"", "\"w2.npy\""));
        var result = ZfpeCli.InRepository(["run", "--model", json, "--inputs", Path.Combine(model, "X.npy"), "--out", Dir.File("y.npy"), .. SimSettings]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--model", result.Stderr);
        Assert.False(File.Exists(Dir.File("y.npy")));
    }

    [Fact]
    public void The_outputs_may_not_overwrite_the_inputs()
    {
        var model = TrainedModel();
        var inputs = Path.Combine(model, "X.npy");
        var before = File.ReadAllBytes(inputs);
        var result = ZfpeCli.InRepository(["run", "--model", Path.Combine(model, "model.json"), "--inputs", inputs, "--out", inputs, .. SimSettings]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(before, File.ReadAllBytes(inputs));
    }

    [Fact]
    public void Backdoor_without_sim_is_refused()
    {
        var model = TrainedModel();
        var result = ZfpeCli.Run("run", "--model", Path.Combine(model, "model.json"), "--inputs", Path.Combine(model, "X.npy"), "--out", Dir.File("y.npy"), "--backdoor");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--backdoor needs --sim", result.Stderr);
    }
}
