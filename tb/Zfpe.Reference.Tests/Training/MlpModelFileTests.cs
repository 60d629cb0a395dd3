using System.Text.Json.Nodes;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Files;
using Zfpe.Reference.Tests.Support;
using Zfpe.Reference.Training;

namespace Zfpe.Reference.Tests.Training;

public class MlpModelFileTests : TempDirectoryTest
{
    private static Mlp TwoLayers()
    {
        var random = new Datasets.SplitMix64(3);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextGaussian()).ToArray();
        return new Mlp([
            new DenseLayer(5, 3, Values(15), Values(5), DenseActivation.Relu),
            new DenseLayer(2, 5, Values(10), Values(2), DenseActivation.None),
        ]);
    }

    private static readonly float[] TestInputs = [1, 2, 3, 4, 5, 6];
    private static readonly int[] TestLabels = [0, 1];

    [Fact]
    public void A_written_model_reads_back_with_its_shapes_values_and_activations()
    {
        var mlp = TwoLayers();
        string dir = Dir.Sub("model");
        var written = MlpModelFile.Write(dir, mlp, TestInputs, TestLabels, new JsonObject { ["seed"] = 3 });
        Assert.Equal(MlpModelFile.FileNames(2).Select(n => Path.Combine(dir, n)), written);

        var back = MlpModelFile.Read(Path.Combine(dir, MlpModelFile.ModelName));
        Assert.Equal(2, back.Layers.Count);
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(mlp.Layers[l].Weights, back.Layers[l].Weights);
            Assert.Equal(mlp.Layers[l].Bias, back.Layers[l].Bias);
            Assert.Equal(mlp.Layers[l].Activation, back.Layers[l].Activation);
        }
        Assert.Equal([5L, 3L], NpyFile.Read(Path.Combine(dir, "w1.npy")).Shape);
        Assert.Equal([2L], NpyFile.Read(Path.Combine(dir, "b2.npy")).Shape);
        var x = NpyFile.Read(Path.Combine(dir, "X.npy"));
        Assert.Equal([2L, 3L], x.Shape);
        Assert.Equal(TestInputs, x.Values);
        Assert.Equal([0f, 1f], NpyFile.Read(Path.Combine(dir, "labels.npy")).Values);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "model.json")))!;
        Assert.Equal("w1.npy", (string?)json["layers"]![0]!["weights"]);
        Assert.Equal("relu", (string?)json["layers"]![0]!["activation"]);
        Assert.Equal("none", (string?)json["layers"]![1]!["activation"]);
        Assert.Equal(3, (int?)json["training"]!["seed"]);
    }

    [Fact]
    public void A_symbolic_link_or_a_named_pipe_in_place_of_an_output_is_refused_and_nothing_is_written()
    {
        string dir = Dir.Sub("model");
        Directory.CreateDirectory(dir);
        string target = Dir.File("precious");
        File.WriteAllText(target, "keep");
        File.CreateSymbolicLink(Path.Combine(dir, "b1.npy"), target);
        var e = Assert.Throws<IOException>(() => MlpModelFile.Write(dir, TwoLayers(), TestInputs, TestLabels, null));
        Assert.Contains("symbolic link", e.Message);
        Assert.Equal("keep", File.ReadAllText(target));
        Assert.False(File.Exists(Path.Combine(dir, "model.json")));

        File.Delete(Path.Combine(dir, "b1.npy"));
        Coreutils.Run("mkfifo", Path.Combine(dir, "X.npy"));
        e = Assert.Throws<IOException>(() => MlpModelFile.Write(dir, TwoLayers(), TestInputs, TestLabels, null));
        Assert.Contains("Fifo", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "w1.npy")));
    }

    [Fact]
    public void An_output_that_is_the_input_is_refused()
    {
        string dir = Dir.Sub("model");
        Directory.CreateDirectory(dir);
        string input = Path.Combine(dir, "labels.npy");
        File.WriteAllText(input, "data");
        var e = Assert.Throws<IOException>(() => MlpModelFile.Write(dir, TwoLayers(), TestInputs, TestLabels, null, input));
        Assert.Contains("same file", e.Message);
        Assert.Equal("data", File.ReadAllText(input));
    }

    [Fact]
    public void A_model_with_a_bad_activation_or_a_bias_of_the_wrong_length_is_refused_naming_the_layer()
    {
        string dir = Dir.Sub("model");
        MlpModelFile.Write(dir, TwoLayers(), TestInputs, TestLabels, null);
        string model = Path.Combine(dir, "model.json");
        File.WriteAllText(model, """{"layers": [{"weights": "w1.npy", "activation": "tanh"}]}""");
        Assert.Contains("layer 1: activation 'tanh'; allowed relu, none", Assert.Throws<InvalidDataException>(() => MlpModelFile.Read(model)).Message);
        File.WriteAllText(model, """{"layers": [{"weights": "w1.npy", "bias": "b2.npy"}]}""");
        Assert.Contains("bias of shape (2,), expected (5,)", Assert.Throws<InvalidDataException>(() => MlpModelFile.Read(model)).Message);
        File.WriteAllText(model, """{"layers": [{"weights": "w1.npy"}, {"weights": "w1.npy"}]}""");
        Assert.Contains("layer 2 has 3 inputs, but layer 1 has 5 outputs", Assert.Throws<InvalidDataException>(() => MlpModelFile.Read(model)).Message);
    }
}
