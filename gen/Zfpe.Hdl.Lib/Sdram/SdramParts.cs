namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// The SDR SDRAM parts fitted on ULX3S board runs (docs/board-ulx3s.md), with datasheet timings.
/// Every figure's source is in the part's <see cref="SdramPart.Source"/> and in the README
/// (gen/Zfpe.Hdl.Lib/README.md, "SDRAM parts"); where a datasheet table could not be read, the
/// value used is the one of a documented sibling and says so. Where a figure was uncertain the
/// longer (safer) value was taken: a controller built on it only loses a cycle, never data.
/// </summary>
public static class SdramParts
{
    /// <summary>
    /// ISSI IS42S16160G-7 (143 MHz at CL3), the part on most boards since 2020 and the default.
    /// </summary>
    public static SdramPart Is42s16160g7 { get; } = X16("IS42S16160G-7", columns: 512, tckCl2: 10.0, tckCl3: 7.0,
        trcd: Ns(15), trp: Ns(15), trc: Ns(60), trasMin: Ns(42), trasMaxNs: 100_000,
        twr: new(14, 2), trfc: Ns(60), trrd: Ns(14), tmrd: new(14, 2), powerUpMicroseconds: 200,
        source: "ISSI IS42S83200G/IS42S16160G datasheet (Rev. F, 12/9/2013; www.issi.com/WW/pdf/42-45S83200G-16160G.pdf): 8192 rows x 512 columns x 4 banks, CL 2/3, 8K refreshes per 64 ms, -7 = 143 MHz at CL3 (tCK 7 ns), 100 MHz at CL2 (tCK 10 ns). Its AC table was not readable here: tRCD 15, tRP 15, tRC 60 (= tRFC, ISSI's REF-to-REF period), tMRD 14 ns come from dicethrow/amaram parameters_IS42S16160G_ic.py; tRRD 14 ns and tDPL (tWR) 2 clocks from the ISSI -7 sibling IS42S16800A (Rev. 00A, AC table: tRRD 14, tDPL 2 CLK, tRAS 37..120000); tWR taken as max(14 ns, 2 clocks). tRAS min 42 ns (the JEDEC-typical value of the -6/-7 grades of the other three parts; amaram and the sibling give 37, so 42 is the safe side), tRAS max 100 us (ISSI's usual 100K ns). Power-up 200 us: the longest wait of the four parts, not read from this datasheet.");

    /// <summary>Micron MT48LC16M16A2-6A (167 MHz at CL3), on 2018-19 boards.</summary>
    public static SdramPart Mt48lc16m16a2_6a { get; } = X16("MT48LC16M16A2-6A", columns: 512, tckCl2: 10.0, tckCl3: 6.0,
        trcd: Ns(18), trp: Ns(18), trc: Ns(60), trasMin: Ns(42), trasMaxNs: 120_000,
        twr: Ns(12), trfc: Ns(60), trrd: Ns(12), tmrd: Ck(2), powerUpMicroseconds: 100,
        source: "Micron 256Mb: x4, x8, x16 SDRAM datasheet, Table 12 'Electrical Characteristics and Recommended AC Operating Conditions', -6A column (www.qdatasheet.com/pdf-view/MT48LC64M4A2-Micron?page=27): tCK(3) 6 ns, tCK(2) 10 ns, tRCD 18, tRP 18, tRC 60, tRAS 42..120000, tRFC 60, tRRD 12, tWR 12 ns (1 CLK + 6 ns with auto precharge: the same cycle count at 100-167 MHz), 8192 rows per 64 ms; tMRD 2 tCK; power-up wait 100 us (Micron's initialisation note).");

    /// <summary>ESMT M12L2561616A-6 (166 MHz at CL3), on smaller runs.</summary>
    public static SdramPart M12l2561616a6 { get; } = X16("M12L2561616A-6", columns: 512, tckCl2: 10.0, tckCl3: 6.0,
        trcd: Ns(18), trp: Ns(18), trc: Ns(60), trasMin: Ns(42), trasMaxNs: 100_000,
        twr: Ck(2), trfc: Ns(60), trrd: Ns(12), tmrd: Ck(2), powerUpMicroseconds: 200,
        source: "ESMT M12L2561616A (2A) datasheet, Revision 1.2, Aug. 2012 (vdocument.in, 'esmt m12l2561616a (2a)'): 4M x 16 x 4 banks, CL 2/3, BL 1/2/4/8/full page, 64 ms refresh of 8K cycles, -6 = 166 MHz (tCK 6 ns at CL3). Its AC parameter table was not readable here: tRCD 18, tRP 18, tRC 60 (= tRFC), tRAS 42, tRRD 12 ns are the JEDEC-typical -6 values (Micron -6A and Alliance AS4C32M16SB-6 give exactly these); tRAS max 100 us, tWR (tRDL) 2 CLK and the ns-rounding rule from ESMT's own M12S16161A datasheet (Rev. 1.1, May 2007, 'Operating AC parameter'); tCK(2) 10 ns and tMRD 2 CLK assumed as on the other parts; power-up 200 us assumed (the longest of the four).");

    /// <summary>Alliance AS4C32M16SB-7 (143 MHz at CL3), 64 MB: 1024 columns.</summary>
    public static SdramPart As4c32m16sb7 { get; } = X16("AS4C32M16SB-7", columns: 1024, tckCl2: 10.0, tckCl3: 7.0,
        trcd: Ns(21), trp: Ns(21), trc: Ns(63), trasMin: Ns(42), trasMaxNs: 120_000,
        twr: Ns(14), trfc: Ns(63), trrd: Ns(14), tmrd: Ns(14), powerUpMicroseconds: 200,
        source: "Alliance Memory AS4C32M16SB datasheet, Rev. 1.0, June 2016, Table 16 'Electrical Characteristics and Recommended A.C. Operating Conditions', -7 column (manualshelf.com/manual/alliance-memory/as4c32m16sb-7tcn/datasheet-english/page-21.html): tRC 63, tRFC 63, tRCD 21, tRP 21, tRRD 14, tMRD 14, tRAS 42..120K, tWR 14 ns, tCK 10 ns at CL2, 7 ns at CL3, tREFI 7.8 us (8192 refreshes per 64 ms). Power-up 200 us (Alliance's power-up note; the table page itself does not give it).");

    /// <summary>The default part: IS42S16160G-7, on most ULX3S boards since 2020.</summary>
    public static SdramPart Default => Is42s16160g7;

    /// <summary>Every known part, the default first.</summary>
    public static IReadOnlyList<SdramPart> All { get; } = [Is42s16160g7, Mt48lc16m16a2_6a, M12l2561616a6, As4c32m16sb7];

    /// <summary>
    /// The part named <paramref name="name"/> (case-insensitive). Throws an
    /// <see cref="ArgumentException"/> listing the known names otherwise.
    /// </summary>
    public static SdramPart ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var part = All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return part ?? throw new ArgumentException(
            $"unknown SDRAM part '{name}': known parts are {string.Join(", ", All.Select(p => p.Name))}", nameof(name));
    }

    private static SdramDelay Ns(double nanoseconds) => SdramDelay.Ns(nanoseconds);

    private static SdramDelay Ck(int clocks) => SdramDelay.Ck(clocks);

    /// <summary>A 16-bit part of 8192 rows x 4 banks refreshed 8192 times per 64 ms, as all four are.</summary>
    private static SdramPart X16(string name, int columns, double tckCl2, double tckCl3,
        SdramDelay trcd, SdramDelay trp, SdramDelay trc, SdramDelay trasMin, double trasMaxNs,
        SdramDelay twr, SdramDelay trfc, SdramDelay trrd, SdramDelay tmrd, double powerUpMicroseconds, string source) =>
        new(name, Rows: 8192, columns, Banks: 4, DataWidth: 16, [new(2, tckCl2), new(3, tckCl3)],
            trcd, trp, trc, trasMin, trasMaxNs, twr, trfc, trrd, tmrd,
            RefreshCount: 8192, RefreshPeriodMs: 64, powerUpMicroseconds, source);
}
