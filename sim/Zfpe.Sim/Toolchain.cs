using System.Collections.Concurrent;
using System.ComponentModel;
using Zfpe.Tools;

namespace Zfpe.Sim;

/// <summary>
/// The Verilator and C++ compiler a model is built with, and their versions (both are part of
/// the cache key: a compiler upgrade must not reuse old binaries).
/// </summary>
public sealed record Toolchain(string VerilatorPath, string VerilatorVersion, string VerilatorRoot, string CompilerPath, string CompilerVersion)
{
    private static readonly ConcurrentDictionary<(string, string), Lazy<Toolchain>> Located = new();

    public string VerilatorInclude => Path.Combine(VerilatorRoot, "include");

    /// <summary>Finds the tools named by the options (or the environment, or PATH) and asks their versions once per process.</summary>
    /// <exception cref="SimBuildException">a tool is missing; the message says what to install.</exception>
    public static Toolchain Locate(SimOptions? options = null)
    {
        options ??= SimOptions.Default;
        var verilator = options.VerilatorPath ?? Registered(ToolKind.Verilator);
        var compiler = options.CompilerPath ?? Registered(ToolKind.Compiler);
        var lazy = Located.GetOrAdd((verilator, compiler), key => new Lazy<Toolchain>(() => Probe(key.Item1, key.Item2)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A missing tool may be installed before the next attempt: do not remember the failure.
            Located.TryRemove(new KeyValuePair<(string, string), Lazy<Toolchain>>((verilator, compiler), lazy));
            throw;
        }
    }

    private static ToolLocator _tools = new();

    /// <summary>
    /// The tool as the project's registry finds it (its ZFPE_VERILATOR or CXX variable, else PATH).
    /// A tool found is remembered for the process; a missing one is looked for again next time.
    /// </summary>
    private static string Registered(ToolKind kind)
    {
        var location = _tools.Locate(kind);
        if (location.Found) return location.Path!;
        _tools = new ToolLocator();
        throw new SimBuildException(location.MissingMessage());
    }

    private static Toolchain Probe(string verilator, string compiler)
    {
        var verilatorVersion = FirstLine(Run(verilator, ["--version"], MissingVerilator(verilator)), verilator);
        var root = FirstLine(Run(verilator, ["--getenv", "VERILATOR_ROOT"], MissingVerilator(verilator)), verilator);
        if (!File.Exists(Path.Combine(root, "include", "verilated.h")))
            throw new SimBuildException(
                $"Verilator at '{verilator}' reports VERILATOR_ROOT={root}, but {Path.Combine(root, "include", "verilated.h")} is missing: " +
                "its installation is incomplete. Reinstall it: sudo apt-get install --reinstall verilator");
        var compilerVersion = FirstLine(Run(compiler, ["--version"], MissingCompiler(compiler)), compiler);
        return new Toolchain(verilator, verilatorVersion, root, compiler, compilerVersion);
    }

    private static string MissingVerilator(string path) =>
        $"Verilator was not found (tried to run '{path}'). Install it: sudo apt-get install verilator " +
        $"(or point {ToolSpec.Verilator.EnvironmentVariable} or SimOptions.VerilatorPath at the executable).";

    private static string MissingCompiler(string path) =>
        $"The C++ compiler was not found (tried to run '{path}'). Install it: sudo apt-get install g++ " +
        $"(or point {ToolSpec.Compiler.EnvironmentVariable} or SimOptions.CompilerPath at the executable).";

    private static ToolRun Run(string executable, string[] arguments, string missingMessage)
    {
        ToolRun run;
        try
        {
            run = ToolRun.Start(executable, arguments, Directory.GetCurrentDirectory());
        }
        catch (Win32Exception e)
        {
            throw new SimBuildException(missingMessage + $" ({e.Message})");
        }
        if (!run.Succeeded)
            throw new SimBuildException($"'{run.CommandLine}' failed with exit code {run.ExitCode}:\n{run.Output.TrimEnd()}\n{missingMessage}");
        return run;
    }

    private static string FirstLine(ToolRun run, string tool) =>
        run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? throw new SimBuildException($"'{run.CommandLine}' printed nothing; is '{tool}' really Verilator or a C++ compiler?");
}
