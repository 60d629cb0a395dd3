namespace Zfpe.Reference.Metrics;

/// <summary>The quality measures of the comparison tables.</summary>
public static class ErrorStatistics
{
    /// <summary>Stored bits per value, everything counted (payload, headers, scales); 0 for no values.</summary>
    public static double BitsPerValue(long storedBits, long valueCount) =>
        valueCount == 0 ? 0 : (double)storedBits / valueCount;

    public static double Rmse(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed) =>
        Compare(original, reconstructed, 0).Rmse;

    public static double MaxAbsoluteError(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed) =>
        Compare(original, reconstructed, 0).MaxAbsoluteError;

    /// <summary>
    /// 20·log10(peak / RMSE) in dB, where the peak is the data range max − min. Constant data has
    /// no range, so its peak is the constant's magnitude. +∞ when the reconstruction is exact;
    /// −∞ when the data is all zero and the reconstruction is not (no peak to compare with).
    /// </summary>
    public static double Psnr(double peak, double rmse)
    {
        if (rmse == 0)
            return double.PositiveInfinity;
        if (peak == 0)
            return double.NegativeInfinity;
        return 20 * Math.Log10(peak / rmse);
    }

    /// <summary>Every measure at once; see <see cref="ErrorMetrics"/>.</summary>
    public static ErrorMetrics Compare(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed, long storedBits)
    {
        var accumulator = new ErrorAccumulator();
        accumulator.Add(original, reconstructed);
        return accumulator.Result(storedBits);
    }
}
