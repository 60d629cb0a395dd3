using Zfpe.Reference.Datasets;
using System.CommandLine;
using Zfpe.Reference.Peers;
using Zfpe.Tools;

namespace Zfpe.Cli.Commands;

/// <summary>
/// `zfpe doctor`: every external tool of the registry (<see cref="ToolSpec.All"/>) and the two
/// data dependencies (libzfp.so.1, the digits data set): found or not, path, version, origin,
/// what each is for and how to get the missing ones. Exit code 0 either way: a missing optional
/// tool is information, not an error.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var cmd = new Command("doctor",
            "check every tool and data file the project uses (simulation, board flow, peers, plots): found or not, path, version, origin, what each is for, how to get it");
        cmd.SetAction(_ => CliRunner.Run(() =>
        {
            var tools = new ToolLocator().LocateAll();
            var missing = new List<string>();
            foreach (var t in tools)
            {
                if (t.Found)
                {
                    Found(t.Spec.Executable, t.Version ?? "(version unknown)");
                    Console.WriteLine($"         path: {t.Path} (from {t.Source})");
                    Console.WriteLine($"         origin: {ToolOrigin.Describe(t.Path!)}");
                }
                else
                {
                    Missing(t.Spec.Executable, t.Problem!);
                    missing.Add(t.Spec.Executable);
                }
                Console.WriteLine($"         needed for: {t.Spec.NeededFor}");
                if (!t.Found) Console.WriteLine($"         get it: {t.Spec.HowToGet}; or set {t.Spec.EnvironmentVariable} to its path");
            }

            if (LibZfp.IsAvailable)
                Found(LibZfp.LibraryName, $"{LibZfp.Version}, {LibZfp.StreamWordBits}-bit stream words");
            else
            {
                Missing(LibZfp.LibraryName, "the dynamic loader does not find it");
                missing.Add(LibZfp.LibraryName);
            }
            Console.WriteLine("         needed for: the libzfp peer (bit-exactness tests of the C# ZFP, zfpe bench codec)");
            if (!LibZfp.IsAvailable) Console.WriteLine("         get it: Debian/Ubuntu: apt-get install libzfp-dev (as root)");

            if (ReferenceDatasets.DigitsFile is { } digits)
                Found("digits data", $"{new FileInfo(digits).Length} bytes");
            else
            {
                Missing("digits data", $"none of {string.Join(", ", ReferenceDatasets.DigitsCandidates)} exists");
                missing.Add("digits data");
            }
            if (ReferenceDatasets.DigitsFile is { } path) Console.WriteLine($"         path: {path}");
            Console.WriteLine("         needed for: zfpe sweep --digits and the quality tests on real data (the UCI handwritten digits)");
            if (ReferenceDatasets.DigitsFile is null) Console.WriteLine("         get it: run scripts/fetch-digits.sh (install-deps.sh runs it); or set ZFPE_DIGITS to a digits.csv.gz");

            Console.WriteLine();
            Console.WriteLine("A tool's variable (ZFPE_*, CXX), when set, takes precedence over PATH.");
            Console.WriteLine(missing.Count == 0
                ? "Everything is installed: the tests, zfpe sim, synth, build, program and sweep can all run."
                : $"Missing: {string.Join(", ", missing)}. {WhatStillWorks(tools)} scripts/install-deps.sh installs everything (as root).");
            return CliRunner.Ok;
        }));
        return cmd;
    }

    private static void Found(string name, string detail) => Console.WriteLine($"found    {name,-15} {detail}");

    private static void Missing(string name, string why)
    {
        Console.WriteLine($"MISSING  {name}");
        Console.WriteLine($"         why: {why}");
    }

    private static string WhatStillWorks(IReadOnlyList<ToolLocation> tools)
    {
        bool Has(ToolKind kind) => tools.Single(t => t.Spec.Kind == kind).Found;
        var parts = new List<string>();
        parts.Add(Has(ToolKind.Verilator) && Has(ToolKind.Compiler) ? "co-simulation works" : "no co-simulation (Verilator and g++ are both needed)");
        parts.Add(!Has(ToolKind.Yosys) ? "no board flow (Yosys is missing)"
            : Has(ToolKind.NextpnrEcp5) && Has(ToolKind.Ecppack) ? "the board flow works to a bitstream"
            : "zfpe synth works; zfpe build stops after synthesis");
        return string.Join("; ", parts) + ".";
    }
}
