namespace Zfpe.Reference.Metrics;

/// <summary>
/// Gathers error statistics chunk by chunk, so a large tensor can be compared piece by piece with
/// the same result as in one pass. Sums are kept in double precision. Original values that are
/// NaN or ±Inf have no error to measure: they are left out of every statistic and counted in
/// <see cref="NonFinite"/>.
/// </summary>
public sealed class ErrorAccumulator
{
    private long _count;
    private double _sumSquaredError;
    private double _maxAbsoluteError;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _firstValue;
    private long _nonZero;
    private double _sumRelativeError;
    private double _maxRelativeError;

    /// <summary>Values compared (finite originals).</summary>
    public long Count => _count;

    /// <summary>Original values left out because they are NaN or ±Inf.</summary>
    public long NonFinite { get; private set; }

    /// <summary>Adds a chunk of originals and their reconstructions.</summary>
    public void Add(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed)
    {
        if (original.Length != reconstructed.Length)
            throw new ArgumentException($"the original has {original.Length} values but the reconstruction has {reconstructed.Length}: compare equal lengths");
        for (int i = 0; i < original.Length; i++)
        {
            double x = original[i];
            if (!double.IsFinite(x))
            {
                NonFinite++;
                continue;
            }
            double error = Math.Abs(reconstructed[i] - x);
            if (_count++ == 0)
                _firstValue = x;
            _sumSquaredError += error * error;
            _maxAbsoluteError = Math.Max(_maxAbsoluteError, double.IsNaN(error) ? double.PositiveInfinity : error);
            _min = Math.Min(_min, x);
            _max = Math.Max(_max, x);
            if (x != 0)
            {
                double relative = error / Math.Abs(x);
                _nonZero++;
                _sumRelativeError += relative;
                _maxRelativeError = Math.Max(_maxRelativeError, relative);
            }
        }
    }

    /// <summary>The statistics so far, with bits per value computed from <paramref name="storedBits"/> over every value added (compared or not).</summary>
    public ErrorMetrics Result(long storedBits)
    {
        double rmse = _count == 0 ? 0 : Math.Sqrt(_sumSquaredError / _count);
        double range = _count == 0 ? 0 : _max - _min;
        double peak = range > 0 ? range : Math.Abs(_firstValue);
        return new ErrorMetrics(
            _count,
            ErrorStatistics.BitsPerValue(storedBits, _count + NonFinite),
            rmse,
            _maxAbsoluteError,
            range,
            ErrorStatistics.Psnr(peak, rmse),
            _nonZero,
            _nonZero == 0 ? double.NaN : _sumRelativeError / _nonZero,
            _nonZero == 0 ? double.NaN : _maxRelativeError);
    }
}
