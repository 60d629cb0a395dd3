namespace Zfpe.Reference.Files;

/// <summary>
/// An n-dimensional array in C order as the tools exchange it: float32 values, a shape, and the
/// element type it is stored as (float64 files are rounded to float32 on reading, float16 files
/// widened exactly).
/// </summary>
public sealed class Tensor
{
    public Tensor(float[] values, IReadOnlyList<long> shape, TensorDType dtype = TensorDType.Float32)
    {
        long product = 1;
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"shape ({ShapeText(shape)}) has a negative dimension", nameof(shape));
            product *= d;
        }
        if (product != values.Length)
            throw new ArgumentException($"shape ({ShapeText(shape)}) holds {product} values but {values.Length} were given", nameof(shape));
        if (!Enum.IsDefined(dtype))
            throw new ArgumentOutOfRangeException(nameof(dtype), $"dtype = {(int)dtype} is not a tensor dtype: allowed {string.Join(", ", Enum.GetNames<TensorDType>())}");
        Values = values;
        Shape = shape.ToArray();
        DType = dtype;
    }

    public float[] Values { get; }

    public long[] Shape { get; }

    public TensorDType DType { get; }

    /// <summary>
    /// How many values were finite on disk (float64) but too large for float32, and so became ±Inf
    /// when read; the codecs then treat them as the infinities they now are.
    /// </summary>
    public long Float32Overflows { get; init; }

    /// <summary>The index (C order) of the first such value, or −1.</summary>
    public long FirstFloat32Overflow { get; init; } = -1;

    /// <summary>A shape as NumPy prints it without brackets: "10, 64", "5," for rank 1, "" for a scalar.</summary>
    public static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
}
