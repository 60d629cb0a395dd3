namespace Zfpe.Reference.Metrics;

/// <summary>
/// Gathers error statistics chunk by chunk, so a large tensor can be compared piece by piece with
/// the same result as in one pass. Sums are kept in double precision.
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

    public long Count => _count;

    /// <summary>Adds a chunk; the original must be finite (a NaN would make every statistic meaningless).</summary>
    public void Add(ReadOnlySpan<float> original, ReadOnlySpan<float> reconstructed)
    {
        if (original.Length != reconstructed.Length)
            throw new ArgumentException($"the original has {original.Length} values but the reconstruction has {reconstructed.Length}: compare equal lengths");
        for (int i = 0; i < original.Length; i++)
        {
            double x = original[i];
            if (!double.IsFinite(x))
                throw new ArgumentException($"original value {_count + i} is {original[i]}: error statistics need finite data", nameof(original));
            double error = Math.Abs(reconstructed[i] - x);
            if (_count + i == 0)
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
        _count += original.Length;
    }

    /// <summary>The statistics so far, with bits per value computed from <paramref name="storedBits"/>.</summary>
    public ErrorMetrics Result(long storedBits)
    {
        double rmse = _count == 0 ? 0 : Math.Sqrt(_sumSquaredError / _count);
        double range = _count == 0 ? 0 : _max - _min;
        double peak = range > 0 ? range : Math.Abs(_firstValue);
        return new ErrorMetrics(
            _count,
            ErrorStatistics.BitsPerValue(storedBits, _count),
            rmse,
            _maxAbsoluteError,
            range,
            ErrorStatistics.Psnr(peak, rmse),
            _nonZero,
            _nonZero == 0 ? double.NaN : _sumRelativeError / _nonZero,
            _nonZero == 0 ? double.NaN : _maxRelativeError);
    }
}
