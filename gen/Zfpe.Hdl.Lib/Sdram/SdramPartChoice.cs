namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// The SDRAM parts of <see cref="SdramParts"/> as a design parameter: the parameter system
/// takes enums, not strings, and writes each member as the part's name in lower case
/// (`--set part=mt48lc16m16a2-6a`). <see cref="SdramControllerConfig.SdramPart"/> maps
/// each to its part.
/// </summary>
public enum SdramPartChoice
{
    /// <summary>IS42S16160G-7, the default.</summary>
    Is42s16160g_7,

    /// <summary>MT48LC16M16A2-6A.</summary>
    Mt48lc16m16a2_6a,

    /// <summary>M12L2561616A-6.</summary>
    M12l2561616a_6,

    /// <summary>AS4C32M16SB-7 (64 MB: 1024 columns, a 25-bit word address).</summary>
    As4c32m16sb_7,
}
