namespace Zfpe.Flow.Tests.Support;

/// <summary>
/// Executable shell scripts that stand in for nextpnr-ecp5 and ecppack where they are not
/// installed: they check the arguments the flow passes and write the files the real tools write,
/// so the flow's orchestration, parsing and reuse are tested everywhere.
/// </summary>
public static class FakeTool
{
    public static string Write(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>
    /// What every fake nextpnr-ecp5 does first: reads the arguments the flow passes into shell
    /// variables (cfg, report, sdf, lpf, json, seed, ooc, device), then requires the netlist and
    /// --sdf, and writes an empty SDF file.
    /// </summary>
    public const string NextpnrArguments = """
        cfg=""; report=""; lpf=""; json=""; device=""; sdf=""; seed=""; ooc=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --textcfg) cfg="$2"; shift;;
            --report) report="$2"; shift;;
            --sdf) sdf="$2"; shift;;
            --lpf) lpf="$2"; shift;;
            --json) json="$2"; shift;;
            --seed) seed="$2"; shift;;
            --out-of-context) ooc=1;;
            --25k|--45k|--85k) device="$1";;
          esac
          shift
        done
        [ -f "$json" ] || { echo "ERROR: failed to open JSON file $json"; exit 1; }
        [ -n "$sdf" ] || { echo "ERROR: expected --sdf"; exit 1; }
        echo '(DELAYFILE (SDFVERSION "3.0") (TIMESCALE 1ps))' > "$sdf"
        """;

    /// <summary>A nextpnr-ecp5 that requires --85k and the design's LPF and reports the given Fmax.</summary>
    public static string Nextpnr(string directory, double achievedMhz, string version = "test-1") => Write(directory, "nextpnr-ecp5", $$$"""
        if [ "$1" = "--version" ]; then echo "nextpnr-ecp5 -- Next Generation Place and Route (Version fake-{{{version}}})"; exit 0; fi
        echo "$@" > fake-nextpnr-arguments.txt
        {{{NextpnrArguments}}}
        [ -f "$lpf" ] || { echo "ERROR: failed to open LPF file $lpf"; exit 1; }
        echo ".device LFE5U-85F ($device)" > "$cfg"
        cat > "$report" <<'JSON'
        {"utilization": {"TRELLIS_COMB": {"used": 120, "available": 83640}, "TRELLIS_FF": {"used": 70, "available": 83640},
          "DP16KD": {"used": 1, "available": 208}, "MULT18X18D": {"used": 1, "available": 156}, "TRELLIS_IO": {"used": 17, "available": 365}},
         "fmax": {"$glbnet$clk_25mhz": {"achieved": {{{achievedMhz.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}, "constraint": 25.0}},
         "critical_paths": []}
        JSON
        echo "Info: Program finished normally."
        """);

    /// <summary>An ecppack that writes a recognisable bitstream from the config.</summary>
    public static string Ecppack(string directory) => Write(directory, "ecppack", """
        if [ "$1" = "--version" ]; then echo "Project Trellis ecppack Version fake-1"; exit 0; fi
        [ "$1" = "--compress" ] || { echo "Error: expected --compress first"; exit 1; }
        [ -f "$2" ] || { echo "Error: no config $2"; exit 1; }
        { echo "FAKE BITSTREAM"; cat "$2"; } > "$3"
        """);

    /// <summary>A tool that always fails with its own error line.</summary>
    public static string Failing(string directory, string name, string errorLine) => Write(directory, name, $$"""
        if [ "$1" = "--version" ]; then echo "{{name}} fake-failing"; exit 0; fi
        echo "Info: starting"
        echo "{{errorLine}}" >&2
        exit 1
        """);
}
