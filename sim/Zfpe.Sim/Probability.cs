namespace Zfpe.Sim;

internal static class Probability
{
    public static double Check(double p, string name) =>
        p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(name, p, $"{name} gave {p}; a probability must be between 0 and 1.");
}
