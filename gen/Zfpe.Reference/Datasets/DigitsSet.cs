namespace Zfpe.Reference.Datasets;

/// <summary>
/// The UCI handwritten digits: <see cref="Pixels"/> holds 64 values in 0..1 per image (row-major,
/// images × 64), <see cref="Labels"/> one class 0..9 per image.
/// </summary>
public sealed record DigitsSet(float[] Pixels, int[] Labels)
{
    public const int Pixels64 = 64;
    public const int Classes = 10;

    public int Count => Labels.Length;

    /// <summary>
    /// The fixed split every tool uses: the images shuffled with <see cref="ReferenceDatasets.Seed"/>
    /// (Fisher–Yates on SplitMix64), the last <paramref name="testFraction"/> of them held out for testing.
    /// </summary>
    public (DigitsSet Train, DigitsSet Test) Split(double testFraction = 0.2)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "the test fraction must be in (0, 1)");
        var order = Enumerable.Range(0, Count).ToArray();
        var random = new SplitMix64(ReferenceDatasets.Seed);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        int test = (int)Math.Round(Count * testFraction);
        return (Take(order[..^test]), Take(order[^test..]));
    }

    private DigitsSet Take(int[] images)
    {
        var pixels = new float[images.Length * Pixels64];
        for (int k = 0; k < images.Length; k++)
            Pixels.AsSpan(images[k] * Pixels64, Pixels64).CopyTo(pixels.AsSpan(k * Pixels64));
        return new DigitsSet(pixels, images.Select(i => Labels[i]).ToArray());
    }
}
