using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;

namespace Zfpe.Reference.Evaluation;

/// <summary>
/// The tensor <c>zfpe evaluate</c> measures, with how the methods see it: the ZFP field its shape
/// folds to (<see cref="ZfpField.Fold"/>) and the channel axis of the per-channel baselines (null
/// when the tensor has rank 0 or 1 and so no channels).
/// </summary>
public sealed class EvaluateInput
{
    public EvaluateInput(Tensor tensor, int? axis)
    {
        Tensor = tensor;
        Field = ZfpField.Fold(tensor.Shape);
        int rank = tensor.Shape.Length;
        if (axis is { } a && (a < -rank || a >= rank))
            throw new ArgumentException($"--axis {a} is out of range for a tensor of rank {rank}: allowed {-rank}..{rank - 1} (negative counts from the last axis)");
        if (rank >= 2)
            Axis = axis is { } given ? (given < 0 ? given + rank : given) : 0;
    }

    public Tensor Tensor { get; }

    public ZfpField Field { get; }

    /// <summary>The channel axis (0 unless --axis says otherwise), or null when there are no channels.</summary>
    public int? Axis { get; }

    /// <summary>The layout ZFP in the tensor's dimensionality works on, e.g. "2-D 512x512 in 4x4 blocks"; says what was folded or dropped.</summary>
    public string FieldDescription
    {
        get
        {
            string block = Field.Dimensions == 1 ? "4-value" : string.Join("x", Enumerable.Repeat("4", Field.Dimensions));
            string text = $"{Field} in {block} blocks";
            var shape = Tensor.Shape;
            int kept = shape.Count(d => d != 1);
            if (kept > ZfpField.MaxDimensions && !shape.Contains(0))
                text += $" (the {kept - 2} leading axes folded into one)";
            if (kept < shape.Length && shape.Length > 1)
                text += " (size-1 axes dropped)";
            return text;
        }
    }
}
