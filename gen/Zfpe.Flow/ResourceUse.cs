namespace Zfpe.Flow;

/// <summary>How much of one device resource a design uses.</summary>
public sealed record ResourceUse(string Resource, long Used, long Available)
{
    public double Percent => Available > 0 ? 100.0 * Used / Available : 0;
    public bool Fits => Used <= Available;
}
