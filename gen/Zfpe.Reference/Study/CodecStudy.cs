using Zfpe.Reference.Training;

namespace Zfpe.Reference.Study;

/// <summary>
/// The study of issue 16 beyond <c>zfpe evaluate</c>: what each codec does to a dense layer's
/// result (by operand, and by the direction weight blocks run) and to the trained MLP's accuracy.
/// </summary>
public static class CodecStudy
{
    /// <summary>The default rows: the float32 reference, then the 8-bit and the 12-bit methods.</summary>
    public static IReadOnlyList<string> DefaultMethods { get; } =
    [
        StudyCodec.Float32Name,
        "zfpe-b5", "zfpe+", "zfp-r8-1d", "int8-sym-tensor", "int8-sym-channel",
        "zfpe-b9", "zfpe+-b9", "zfp-r12-1d", "int12-sym-tensor", "int12-sym-channel",
    ];

    /// <summary>Relative RMS error of y = W·x + b with the weights, the inputs, the bias (null without one) or all of them stored.</summary>
    public sealed record OperandErrors(string Codec, double Weights, double Inputs, double? Bias, double All);

    /// <summary>Relative RMS error of y with the weights stored, blocked along the inputs (rows of W) or the outputs (columns: Wᵀ).</summary>
    public sealed record BlockingErrors(string Codec, double AlongInputs, double AlongOutputs);

    /// <summary>The MLP's test accuracy with its weights stored, and with every layer's input (the test images, then the activations) stored too.</summary>
    public sealed record AccuracyRow(string Codec, double Weights, double WeightsAndActivations);

    public static IReadOnlyList<OperandErrors> Operands(DenseCase c, IEnumerable<StudyCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(c);
        return codecs.Select(codec => new OperandErrors(codec.Name,
            Error(c, codec, DenseOperand.Weights),
            Error(c, codec, DenseOperand.Inputs),
            c.Layer.Bias is null ? null : Error(c, codec, DenseOperand.Bias),
            Error(c, codec, DenseOperand.All))).ToList();
    }

    public static IReadOnlyList<BlockingErrors> Blocking(DenseCase c, IEnumerable<StudyCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(c);
        return codecs.Select(codec => new BlockingErrors(codec.Name,
            Error(c, codec, DenseOperand.Weights, WeightBlocking.AlongInputs),
            Error(c, codec, DenseOperand.Weights, WeightBlocking.AlongOutputs))).ToList();
    }

    /// <summary>Biases stay float32 (they are a few values per layer); weights are stored in their (outputs, inputs) layout.</summary>
    public static IReadOnlyList<AccuracyRow> Accuracy(MlpTraining training, IEnumerable<StudyCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(training);
        var test = training.Test;
        return codecs.Select(codec =>
        {
            var stored = training.Mlp.MapWeights(codec.RoundTrip);
            return new AccuracyRow(codec.Name, stored.Accuracy(test.Pixels, test.Labels), stored.Accuracy(test.Pixels, test.Labels, codec.RoundTrip));
        }).ToList();
    }

    private static double Error(DenseCase c, StudyCodec codec, DenseOperand operands, WeightBlocking blocking = WeightBlocking.AlongInputs) =>
        DenseLayerError.RelativeRms(c.Layer, c.Inputs, c.Batch, codec, operands, blocking);
}
