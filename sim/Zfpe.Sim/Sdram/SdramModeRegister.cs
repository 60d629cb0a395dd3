namespace Zfpe.Sim.Sdram;

/// <summary>
/// The SDR SDRAM mode register: burst length (A2-A0), burst type (A3), CAS latency (A6-A4),
/// operating mode (A8-A7, standard only), write burst mode (A9).
/// </summary>
/// <param name="BurstLength">1, 2, 4 or 8; ignored when <paramref name="FullPage"/>.</param>
/// <param name="FullPage">Bursts run through the whole row (wrapping) until terminated.</param>
/// <param name="Interleaved">Interleaved burst order instead of sequential.</param>
/// <param name="CasLatency">2 or 3.</param>
/// <param name="SingleLocationWrite">Writes are single words whatever the burst length (A9 set).</param>
public sealed record SdramModeRegister(int BurstLength, bool FullPage, bool Interleaved, int CasLatency, bool SingleLocationWrite)
{
    /// <summary>The address bits of this mode, for LOAD MODE REGISTER.</summary>
    public int Encode()
    {
        var bl = FullPage ? 7 : BurstLength switch
        {
            1 => 0, 2 => 1, 4 => 2, 8 => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(BurstLength), BurstLength, "burst length: allowed 1, 2, 4, 8 or full page"),
        };
        if (CasLatency is not (2 or 3))
            throw new ArgumentOutOfRangeException(nameof(CasLatency), CasLatency, "CAS latency: allowed 2 or 3");
        return bl | (Interleaved ? 1 << 3 : 0) | (CasLatency << 4) | (SingleLocationWrite ? 1 << 9 : 0);
    }

    /// <summary>
    /// Decodes LOAD MODE REGISTER's address bits, or returns null and a reason for a reserved or
    /// unsupported value (burst length 16/32/64 codes, CAS latency other than 2 or 3, a test mode,
    /// full page with interleaving).
    /// </summary>
    public static SdramModeRegister? Decode(int address, out string? error)
    {
        error = null;
        var blCode = address & 7;
        var interleaved = (address & 8) != 0;
        var cl = (address >> 4) & 7;
        var opMode = (address >> 7) & 3;
        var singleWrite = (address & (1 << 9)) != 0;
        int bl = blCode switch { 0 => 1, 1 => 2, 2 => 4, 3 => 8, 7 => 0, _ => -1 };
        if (bl < 0) error = $"burst length code {blCode} (A2-A0) is reserved: allowed 0-3 (1, 2, 4, 8) or 7 (full page)";
        else if (bl == 0 && interleaved) error = "full-page bursts must be sequential (A3 = 0)";
        else if (cl is not (2 or 3)) error = $"CAS latency code {cl} (A6-A4) is not supported: allowed 2 or 3";
        else if (opMode != 0) error = $"operating mode {opMode} (A8-A7) is reserved: only 0 (standard) is allowed";
        return error is null ? new SdramModeRegister(bl == 0 ? 1 : bl, bl == 0, interleaved, cl, singleWrite) : null;
    }

    /// <summary>"BL4 sequential CL3" and so on.</summary>
    public override string ToString() =>
        $"{(FullPage ? "full-page" : $"BL{BurstLength}")} {(Interleaved ? "interleaved" : "sequential")} CL{CasLatency}{(SingleLocationWrite ? " single-location writes" : "")}";
}
