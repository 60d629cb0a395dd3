using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zfpe.Reference.Dense;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Training;

/// <summary>
/// The model format of <c>zfpe run</c> (issue 15): a JSON file
/// <c>{"layers": [{"weights": "w1.npy", "bias": "b1.npy", "activation": "relu"}, …]}</c> whose
/// paths are relative to it, weights float32 of shape (outputs, inputs), bias of shape (outputs,)
/// and optional, activation <c>relu</c> or <c>none</c>. <see cref="Write"/> also stores a test set
/// (<c>X.npy</c>, shape (batch, inputs); <c>labels.npy</c>, float32 class numbers) named in the JSON
/// under "test", with what made the model under "training".
/// </summary>
public static class MlpModelFile
{
    public const string ModelName = "model.json";
    public const string InputsName = "X.npy";
    public const string LabelsName = "labels.npy";

    /// <summary>The files <see cref="Write"/> creates in a directory, model.json first.</summary>
    public static IReadOnlyList<string> FileNames(int layers) =>
        [ModelName, .. Enumerable.Range(1, layers).SelectMany(l => new[] { $"w{l}.npy", $"b{l}.npy" }), InputsName, LabelsName];

    /// <summary>
    /// Writes the model and its test set into <paramref name="directory"/> (created when missing;
    /// its parent must exist). Every output is checked before anything is written: each must be a
    /// new or regular file (a device, a named pipe, a symbolic link or a directory in its place is
    /// refused, not written through) and none may be one of <paramref name="inputs"/>.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, Mlp mlp, float[] testInputs, int[] testLabels, JsonObject? training, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        ArgumentNullException.ThrowIfNull(testLabels);
        if (testInputs.Length != (long)testLabels.Length * mlp.Inputs)
            throw new ArgumentException($"the test set holds {testInputs.Length} values for {testLabels.Length} labels, expected {mlp.Inputs} per label");
        var outputs = FileNames(mlp.Layers.Count).Select(name => Path.Combine(directory, name)).ToList();
        if (File.Exists(directory) || (Directory.Exists(directory) && new DirectoryInfo(directory).LinkTarget is not null))
            throw new IOException($"--out {directory} is not a directory (or is a symbolic link to one): name a new or existing directory");
        string parent = Path.GetDirectoryName(Path.GetFullPath(directory)) ?? "/";
        if (!Directory.Exists(parent))
            throw new DirectoryNotFoundException($"--out {directory}: its parent {parent} does not exist; create it first");
        Directory.CreateDirectory(directory);
        var files = outputs.Select(Resolve).ToList();
        foreach (var file in files)
        {
            foreach (string input in inputs)
                file.RefuseInput(input);
        }

        var layers = new JsonArray();
        for (int l = 0; l < mlp.Layers.Count; l++)
        {
            var layer = mlp.Layers[l];
            files[1 + 2 * l].Write(s => NpyFile.Write(s, new Tensor(layer.Weights, [layer.Outputs, layer.Inputs])));
            files[2 + 2 * l].Write(s => NpyFile.Write(s, new Tensor(layer.Bias ?? new float[layer.Outputs], [layer.Outputs])));
            layers.Add(new JsonObject
            {
                ["weights"] = $"w{l + 1}.npy",
                ["bias"] = $"b{l + 1}.npy",
                ["activation"] = layer.Activation == DenseActivation.Relu ? "relu" : "none",
            });
        }
        files[^2].Write(s => NpyFile.Write(s, new Tensor(testInputs, [testLabels.Length, mlp.Inputs])));
        files[^1].Write(s => NpyFile.Write(s, new Tensor(Array.ConvertAll(testLabels, v => (float)v), [testLabels.Length])));
        var model = new JsonObject
        {
            ["layers"] = layers,
            ["test"] = new JsonObject { ["inputs"] = InputsName, ["labels"] = LabelsName },
        };
        if (training is not null)
            model["training"] = training;
        string json = model.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        files[0].Write(s => s.Write(Encoding.UTF8.GetBytes(json)));
        return outputs;
    }

    /// <summary>Reads a model file; a missing file, a bad shape or activation throws an <see cref="InvalidDataException"/> naming the layer and the file.</summary>
    public static Mlp Read(string path)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON: {e.Message}");
        }
        if (root?["layers"] is not JsonArray { Count: > 0 } layers)
            throw new InvalidDataException($"{path}: no \"layers\" array with at least one layer");
        var result = new List<DenseLayer>();
        for (int l = 0; l < layers.Count; l++)
        {
            string where = $"{path}: layer {l + 1}";
            var weights = ReadTensor(layers[l]?["weights"], directory, $"{where} weights") ?? throw new InvalidDataException($"{where} has no \"weights\"");
            if (weights.Shape.Length != 2)
                throw new InvalidDataException($"{where}: weights of shape ({Tensor.ShapeText(weights.Shape)}), expected (outputs, inputs)");
            var bias = ReadTensor(layers[l]?["bias"], directory, $"{where} bias");
            if (bias is not null && (bias.Shape.Length != 1 || bias.Shape[0] != weights.Shape[0]))
                throw new InvalidDataException($"{where}: bias of shape ({Tensor.ShapeText(bias.Shape)}), expected ({weights.Shape[0]},)");
            var activation = (layers[l]?["activation"]?.GetValue<string>() ?? "none") switch
            {
                "relu" => DenseActivation.Relu,
                "none" => DenseActivation.None,
                var other => throw new InvalidDataException($"{where}: activation '{other}'; allowed relu, none"),
            };
            result.Add(new DenseLayer((int)weights.Shape[0], (int)weights.Shape[1], weights.Values, bias?.Values, activation));
        }
        try
        {
            return new Mlp(result);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }
    }

    private static Tensor? ReadTensor(JsonNode? name, string directory, string what)
    {
        if (name is null)
            return null;
        string file = Path.Combine(directory, name.GetValue<string>());
        if (!File.Exists(file))
            throw new InvalidDataException($"{what}: {file} does not exist");
        return NpyFile.Read(file);
    }

    private static OutputFile Resolve(string path)
    {
        var file = OutputFile.Resolve(path, "--out");
        if (file.LinkPath is not null || file.Kind is not (OutputKind.NewFile or OutputKind.RegularFile))
            throw new IOException($"--out: {path} exists and is {(file.LinkPath is not null ? "a symbolic link" : file.Kind.ToString())}: " +
                                  "train-mlp only creates or replaces regular files; remove it or choose another directory (nothing was written)");
        return file;
    }

    /// <summary>What made the model, for the JSON's "training" entry.</summary>
    public static JsonObject Training(MlpTrainingParameters p, double testAccuracy) => new()
    {
        ["data"] = "UCI handwritten digits (Debian python3-sklearn's digits.csv.gz), pixels / 16, test split fixed by seed " + Datasets.ReferenceDatasets.Seed.ToString(CultureInfo.InvariantCulture),
        ["architecture"] = p.Architecture,
        ["seed"] = p.Seed,
        ["epochs"] = p.Epochs,
        ["batch_size"] = p.BatchSize,
        ["learning_rate"] = p.LearningRate,
        ["test_accuracy_float32"] = Math.Round(testAccuracy, 6),
    };
}
