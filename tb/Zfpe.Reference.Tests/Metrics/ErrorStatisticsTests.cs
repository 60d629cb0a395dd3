using Zfpe.Reference.Metrics;

namespace Zfpe.Reference.Tests.Metrics;

public class ErrorStatisticsTests
{
    [Fact]
    public void A_small_example_gives_the_hand_computed_figures()
    {
        var m = ErrorStatistics.Compare(new[] { 1f, 2f, 3f, 4f }, new[] { 1f, 2f, 3f, 5f }, storedBits: 36);
        Assert.Equal(4, m.Count);
        Assert.Equal(9.0, m.BitsPerValue);
        Assert.Equal(0.5, m.Rmse, 12);
        Assert.Equal(1.0, m.MaxAbsoluteError);
        Assert.Equal(3.0, m.Range);
        Assert.Equal(20 * Math.Log10(3 / 0.5), m.Psnr, 12);
        Assert.Equal(4, m.NonZeroCount);
        Assert.Equal(0.0625, m.MeanRelativeError, 12);
        Assert.Equal(0.25, m.MaxRelativeError, 12);
    }

    [Fact]
    public void An_exact_reconstruction_has_infinite_psnr_and_no_error()
    {
        var x = new[] { -1f, 0.5f, 7f };
        var m = ErrorStatistics.Compare(x, x, 0);
        Assert.Equal(0, m.Rmse);
        Assert.Equal(double.PositiveInfinity, m.Psnr);
        Assert.Equal(0, m.MaxRelativeError);
    }

    [Fact]
    public void Constant_data_measures_psnr_against_the_constant_magnitude()
    {
        var m = ErrorStatistics.Compare(new[] { -2f, -2f, -2f }, new[] { -2f, -2f, -1f }, 0);
        Assert.Equal(0, m.Range);
        Assert.Equal(20 * Math.Log10(2 / Math.Sqrt(1.0 / 3)), m.Psnr, 12);
    }

    [Fact]
    public void All_zero_data_with_an_error_has_minus_infinite_psnr_and_no_relative_error()
    {
        var m = ErrorStatistics.Compare(new[] { 0f, 0f }, new[] { 0f, 1f }, 0);
        Assert.Equal(double.NegativeInfinity, m.Psnr);
        Assert.Equal(0, m.NonZeroCount);
        Assert.True(double.IsNaN(m.MeanRelativeError));
        Assert.True(double.IsNaN(m.MaxRelativeError));
    }

    [Fact]
    public void Relative_errors_skip_zero_originals()
    {
        var m = ErrorStatistics.Compare(new[] { 0f, 2f, -4f }, new[] { 0.5f, 1f, -4f }, 0);
        Assert.Equal(2, m.NonZeroCount);
        Assert.Equal(0.25, m.MeanRelativeError, 12);
        Assert.Equal(0.5, m.MaxRelativeError, 12);
        Assert.Equal(1.0, m.MaxAbsoluteError);
    }

    [Fact]
    public void Accumulating_in_chunks_gives_the_one_pass_result()
    {
        var random = new Random(21);
        var x = Enumerable.Range(0, 10_001).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var y = x.Select(v => v + (float)(random.NextDouble() * 1e-3)).ToArray();
        var whole = ErrorStatistics.Compare(x, y, 80_008);
        var accumulator = new ErrorAccumulator();
        for (int start = 0; start < x.Length; start += 997)
        {
            int n = Math.Min(997, x.Length - start);
            accumulator.Add(x.AsSpan(start, n), y.AsSpan(start, n));
        }
        var chunked = accumulator.Result(80_008);
        Assert.Equal(whole.Count, chunked.Count);
        Assert.Equal(whole.Rmse, chunked.Rmse, 12);
        Assert.Equal(whole.MaxAbsoluteError, chunked.MaxAbsoluteError);
        Assert.Equal(whole.Range, chunked.Range);
        Assert.Equal(whole.MeanRelativeError, chunked.MeanRelativeError, 12);
        Assert.Equal(8.0, chunked.BitsPerValue);
    }

    [Fact]
    public void Lengths_that_differ_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ErrorStatistics.Compare(new float[3], new float[2], 0));
        Assert.Contains("3 values", e.Message);
    }

    [Fact]
    public void Non_finite_originals_are_left_out_and_counted()
    {
        var accumulator = new ErrorAccumulator();
        accumulator.Add(new[] { 1f, float.PositiveInfinity, float.NaN, 3f }, new[] { 1.5f, 0f, 7f, 3f });
        var metrics = accumulator.Result(0);
        Assert.Equal(2, accumulator.NonFinite);
        Assert.Equal(2, metrics.Count);
        Assert.Equal(Math.Sqrt(0.25 / 2), metrics.Rmse, 1e-12);
        Assert.Equal(0.5, metrics.MaxAbsoluteError);
        Assert.Equal(2.0, metrics.Range);
        Assert.Equal(ErrorStatistics.Compare(new[] { 1f, 3f }, new[] { 1.5f, 3f }, 0), metrics);
    }

    [Fact]
    public void Bits_per_value_divide_every_stored_bit_by_the_count()
    {
        Assert.Equal(8.25, ErrorStatistics.BitsPerValue(33, 4));
        Assert.Equal(0, ErrorStatistics.BitsPerValue(0, 0));
    }
}
