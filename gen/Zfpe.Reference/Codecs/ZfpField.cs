namespace Zfpe.Reference.Codecs;

/// <summary>
/// The array shape ZFP codes, as zfp_field describes it: 1, 2 or 3 dimensions, x varying fastest
/// (a C-order array of shape (nz, ny, nx) is the field (nx, ny, nz)). Blocks are 4, 4×4 or 4×4×4
/// values, visited with x fastest, then y, then z.
/// </summary>
public sealed record ZfpField
{
    public const int MaxDimensions = 3;

    private ZfpField(int dimensions, long nx, long ny, long nz)
    {
        Dimensions = dimensions;
        Nx = nx;
        Ny = ny;
        Nz = nz;
    }

    public int Dimensions { get; }

    public long Nx { get; }

    public long Ny { get; }

    public long Nz { get; }

    /// <summary>Values in the field.</summary>
    public long Count => Nx * Ny * Nz;

    /// <summary>Values per block: 4^dimensions.</summary>
    public int BlockSize => 1 << (2 * Dimensions);

    /// <summary>Blocks the field is cut into (partial blocks at the far edges count as whole).</summary>
    public long Blocks => Ceiling4(Nx) * Ceiling4(Ny) * Ceiling4(Nz);

    public static ZfpField OneD(long nx) => Create(1, nx, 1, 1);

    public static ZfpField TwoD(long nx, long ny) => Create(2, nx, ny, 1);

    public static ZfpField ThreeD(long nx, long ny, long nz) => Create(3, nx, ny, nz);

    /// <summary>
    /// The field a C-order tensor of <paramref name="shape"/> is coded as: dimensions of size 1
    /// are dropped (they would only pad blocks), then up to 3 remain as they are, the last
    /// (contiguous) axis being x; a rank above 3 keeps its last two axes as x and y and folds all
    /// leading axes into z (a reshape, the data unchanged). An empty or scalar tensor is 1-D.
    /// </summary>
    public static ZfpField Fold(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var kept = shape.Where(d => d != 1).ToList();
        if (kept.Contains(0) || kept.Count <= 1)
            return OneD(kept.Contains(0) ? 0 : kept.Count == 1 ? kept[0] : 1);
        if (kept.Count == 2)
            return TwoD(kept[1], kept[0]);
        long folded = 1;
        for (int i = 0; i < kept.Count - 2; i++)
            folded = checked(folded * kept[i]);
        return ThreeD(kept[^1], kept[^2], folded);
    }

    /// <summary>"1-D 1000", "2-D 512x512" (y by x, as the C-order shape reads), "3-D 64x3x9".</summary>
    public override string ToString() => Dimensions switch
    {
        1 => $"1-D {Nx}",
        2 => $"2-D {Ny}x{Nx}",
        _ => $"3-D {Nz}x{Ny}x{Nx}",
    };

    private static ZfpField Create(int dimensions, long nx, long ny, long nz)
    {
        if (nx < 0 || ny < 0 || nz < 0)
            throw new ArgumentException($"a ZFP field has no negative sizes: got nx = {nx}, ny = {ny}, nz = {nz}");
        return new ZfpField(dimensions, nx, ny, nz);
    }

    private static long Ceiling4(long n) => (n + 3) / 4;
}
