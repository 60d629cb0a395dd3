namespace Zfpe.Sim;

/// <summary>Which wave file a simulation writes, if any.</summary>
public enum WaveFormat
{
    None,
    /// <summary>GTKWave's compressed format: small files, fast to open. Needs zlib (Debian: zlib1g-dev) to build.</summary>
    Fst,
    /// <summary>Plain text Value Change Dump: large, but readable by every viewer.</summary>
    Vcd,
}
