namespace Zfpe.Flow.Tests.Sweep;

/// <summary>
/// A stand-in for nextpnr-ecp5 in sweeps: it insists on --out-of-context and no --lpf, needs the
/// netlist, and reports an Fmax of base + 3·seed MHz, so min/median/max over seeds are known.
/// It counts its runs in a file beside itself, so tests can tell a run from a reuse.
/// </summary>
public static class FakeNextpnr
{
    public static string Write(string directory, double baseMhz = 90) => FakeTool.Write(directory, "nextpnr-ecp5", $$$"""
        if [ "$1" = "--version" ]; then echo "nextpnr-ecp5 -- Next Generation Place and Route (Version fake-sweep)"; exit 0; fi
        echo run >> "{{{Path.Combine(directory, "runs.txt")}}}"
        {{{FakeTool.NextpnrArguments}}}
        [ -z "$lpf" ] || { echo "ERROR: a sweep must not pass an LPF"; exit 1; }
        [ -n "$ooc" ] || { echo "ERROR: expected --out-of-context"; exit 1; }
        fmax=$(( {{{(int)baseMhz}}} + 3 * seed ))
        cat > "$report" <<JSON
        {"utilization": {"TRELLIS_COMB": {"used": 123, "available": 83640}, "TRELLIS_FF": {"used": 45, "available": 83640}, "DP16KD": {"used": 0, "available": 208} },
         "fmax": {"\$glbnet\$clk": {"achieved": $fmax.5, "constraint": 100.0} } }
        JSON
        echo "Info: Program finished normally."
        """);

    public static int Runs(string directory)
    {
        var path = Path.Combine(directory, "runs.txt");
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }
}
