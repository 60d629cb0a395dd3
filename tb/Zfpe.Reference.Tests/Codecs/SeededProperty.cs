using CsCheck;

namespace Zfpe.Reference.Tests.Codecs;

/// <summary>
/// Runs a property over values drawn from a CsCheck generator with a fixed seed, so every run
/// checks the same cases (Check.Sample seeds only its first iteration). A failure names the
/// iteration, the seed and the failing value.
/// </summary>
internal static class SeededProperty
{
    public static void Check<T>(Gen<T> gen, Action<T> property, int iterations, ulong seed, Func<T, string>? print = null)
    {
        var pcg = new PCG(1, seed);
        for (int i = 0; i < iterations; i++)
        {
            T value = gen.Generate(pcg, null!, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                string shown = print is null ? value?.ToString() ?? "null" : print(value);
                throw new Xunit.Sdk.XunitException($"property failed at iteration {i} (seed {seed}) for {shown}: {e.Message}");
            }
        }
    }

    public static string Show(float[] values) => "[" + string.Join(", ", values.Select(v => $"{v:R}f")) + "]";
}
