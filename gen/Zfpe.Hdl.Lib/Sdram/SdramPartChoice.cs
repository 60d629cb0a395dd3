namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// The SDRAM parts of <see cref="SdramParts"/> as a design parameter (`--set part=...`): the
/// parameter system takes enums, not strings. <see cref="SdramControllerConfig.SdramPart"/> maps
/// each to its part.
/// </summary>
public enum SdramPartChoice
{
    /// <summary>IS42S16160G-7, the default.</summary>
    Is42s16160g7,

    /// <summary>MT48LC16M16A2-6A.</summary>
    Mt48lc16m16a2g6a,

    /// <summary>M12L2561616A-6.</summary>
    M12l2561616a6,

    /// <summary>AS4C32M16SB-7 (64 MB: 1024 columns, a 25-bit word address).</summary>
    As4c32m16sb7,
}
