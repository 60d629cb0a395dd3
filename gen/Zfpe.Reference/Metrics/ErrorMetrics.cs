namespace Zfpe.Reference.Metrics;

/// <summary>
/// How far a reconstruction is from the original. Relative errors are over the non-zero original
/// values only and are NaN when there are none.
/// </summary>
/// <param name="Count">Values compared.</param>
/// <param name="BitsPerValue">Stored bits divided by the value count.</param>
/// <param name="Rmse">Root mean square error.</param>
/// <param name="MaxAbsoluteError">Largest |x' − x|.</param>
/// <param name="Range">The original data's range max − min.</param>
/// <param name="Psnr">Peak signal-to-noise ratio in dB, see <see cref="ErrorStatistics.Psnr"/>.</param>
/// <param name="NonZeroCount">Original values that are not zero.</param>
/// <param name="MeanRelativeError">Mean of |x' − x| / |x| over non-zero x.</param>
/// <param name="MaxRelativeError">Largest |x' − x| / |x| over non-zero x.</param>
public sealed record ErrorMetrics(
    long Count,
    double BitsPerValue,
    double Rmse,
    double MaxAbsoluteError,
    double Range,
    double Psnr,
    long NonZeroCount,
    double MeanRelativeError,
    double MaxRelativeError);
