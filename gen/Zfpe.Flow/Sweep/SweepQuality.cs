namespace Zfpe.Flow.Sweep;

/// <summary>Compression quality of one design point on one reference dataset (from the reference model).</summary>
/// <param name="Dataset">Short dataset name, used in column names (e.g. "nn").</param>
/// <param name="BitsPerValue">Stored bits per value, headers included.</param>
/// <param name="PsnrDb">Peak signal-to-noise ratio in dB (peak = data range); +∞ when exact.</param>
/// <param name="Rmse">Root mean square error.</param>
/// <param name="MaxAbsoluteError">Largest |x' − x|.</param>
public sealed record SweepQuality(string Dataset, double BitsPerValue, double PsnrDb, double Rmse, double MaxAbsoluteError);
