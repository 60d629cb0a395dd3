namespace Zfpe.Hdl.Emit;

/// <summary>The generator's version, written into every banner and manifest.</summary>
public static class GeneratorInfo
{
    /// <summary>Bump when the emitted text changes for the same design.</summary>
    public const string Version = "0.1.0";
}
