using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// Turns an emitted design into a shared library: Verilator, then the C++ compiler, with the
/// flags chosen for CI's from-scratch builds on 2 cores (see sim/Zfpe.Sim/README.md for the
/// measurements). Everything that changes the binary goes into <see cref="KeyFor"/>.
/// </summary>
internal sealed partial class ModelBuilder(Toolchain tools, SimOptions options, WaveFormat waves)
{
    /// <summary>Bump when the build recipe changes in a way the flags below do not show.</summary>
    private const string RecipeVersion = "zfpe-sim build recipe 1";

    // The hot code (eval) is worth -O2: as fast to compile as -O1 on these designs and 15-20 %
    // faster to run; -Os is slower on both counts. Cold code (constructors, initial blocks) gets
    // -O1, which shares the -O2 precompiled header (both define __OPTIMIZE__) and costs no more
    // than -O0. The runtime is compiled once per toolchain and flag set, so it gets -O2 too.
    private static readonly string[] HotOptimisation = ["-O2"];
    private static readonly string[] ColdOptimisation = ["-O1"];

    private const string PchHeader = "zfpe_pch.h";

    // Tests build several models at once; more compilers than cores only adds switching and
    // memory, so all builds in a process share one pool of compiler slots.
    private static readonly SemaphoreSlim CompilerSlots = new(Math.Max(2, Environment.ProcessorCount));

    public Toolchain Tools => tools;
    public WaveFormat Waves => waves;

    public IReadOnlyList<string> VerilatorFlags
    {
        get
        {
            var flags = new List<string> { "--cc", "-O3", "--x-assign", "fast", "--output-split", "10000" };
            if (waves == WaveFormat.Fst) flags.Add("--trace-fst");
            if (waves == WaveFormat.Vcd) flags.Add("--trace");
            flags.AddRange(options.ExtraVerilatorFlags);
            return flags;
        }
    }

    public IReadOnlyList<string> CommonCompilerFlags
    {
        get
        {
            var trace = waves != WaveFormat.None ? "1" : "0";
            var flags = new List<string>
            {
                "-std=gnu++17", "-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden",
                // verilated.mk's CFG_CXXFLAGS_NO_UNUSED: generated code trips these harmlessly.
                "-faligned-new", "-fcf-protection=none", "-Wno-bool-operation", "-Wno-sign-compare", "-Wno-uninitialized",
                "-Wno-unused-but-set-variable", "-Wno-unused-parameter", "-Wno-unused-variable", "-Wno-shadow",
                "-DVM_COVERAGE=0", "-DVM_SC=0", $"-DVM_TRACE={trace}",
                $"-DVM_TRACE_FST={(waves == WaveFormat.Fst ? "1" : "0")}", $"-DVM_TRACE_VCD={(waves == WaveFormat.Vcd ? "1" : "0")}",
                // The shim reports $stop and fatal errors to the host instead of aborting it.
                "-DVL_USER_FATAL", "-DVL_USER_STOP", "-DVL_USER_FINISH",
                "-I" + tools.VerilatorInclude, "-I" + Path.Combine(tools.VerilatorInclude, "vltstd"),
            };
            flags.AddRange(options.ExtraCompilerFlags);
            return flags;
        }
    }

    public IReadOnlyList<string> LinkLibraries =>
        waves == WaveFormat.Fst ? ["-pthread", "-latomic", "-lz"] : ["-pthread", "-latomic"];

    public IReadOnlyList<string> HotFlags => [.. CommonCompilerFlags, .. HotOptimisation];
    public IReadOnlyList<string> ColdFlags => [.. CommonCompilerFlags, .. ColdOptimisation];

    /// <summary>The cache key: design, ports, shim template, flags and tool versions.</summary>
    public string KeyFor(EmittedDesign design)
    {
        var text = new StringBuilder()
            .AppendLine(RecipeVersion)
            .AppendLine("verilator: " + tools.VerilatorVersion)
            .AppendLine("compiler: " + tools.CompilerVersion)
            .AppendLine("verilator flags: " + string.Join(' ', VerilatorFlags))
            .AppendLine("hot: " + string.Join(' ', HotFlags))
            .AppendLine("cold: " + string.Join(' ', ColdFlags))
            .AppendLine("link: " + string.Join(' ', LinkLibraries))
            .AppendLine("shim: " + Hash(ShimTemplates.ShimText))
            .AppendLine("top: " + design.TopModule)
            .AppendLine("design: " + design.ContentHash());
        foreach (var p in design.TopPorts) text.AppendLine($"port: {p.Name} {p.Width} {p.Direction} {p.IsSigned} {p.Role}");
        return Hash(text.ToString())[..32];
    }

    /// <summary>The key of the Verilator runtime objects and precompiled header this builder links against.</summary>
    public string RuntimeKeyFor(IReadOnlyList<string> runtimeSources) =>
        Hash(new StringBuilder()
            .AppendLine(RecipeVersion)
            .AppendLine("verilator: " + tools.VerilatorVersion + " at " + tools.VerilatorRoot)
            .AppendLine("compiler: " + tools.CompilerVersion)
            .AppendLine("hot: " + string.Join(' ', HotFlags))
            .AppendLine("pch: " + PchText)
            .AppendLine("sources: " + string.Join(' ', runtimeSources))
            .ToString())[..32];

    private string PchText =>
        "#include \"verilated.h\"\n" + waves switch
        {
            WaveFormat.Fst => "#include \"verilated_fst_c.h\"\n",
            WaveFormat.Vcd => "#include \"verilated_vcd_c.h\"\n",
            _ => "",
        };

    public static string PrefixFor(string key) => "Vzfpe_" + key[..12];

    /// <summary>Runs Verilator into <paramref name="directory"/>/obj; returns what it generated.</summary>
    public (VerilatorOutput Output, double Seconds) Verilate(EmittedDesign design, string key, string directory)
    {
        var sources = design.WriteTo(Path.Combine(directory, "src"));
        var prefix = PrefixFor(key);
        var arguments = new List<string>(VerilatorFlags) { "--prefix", prefix, "--top-module", design.TopModule, "--Mdir", "obj" };
        arguments.AddRange(sources.Select(s => Path.GetRelativePath(directory, s)));
        var run = RunTool(tools.VerilatorPath, arguments, directory, MissingVerilator);
        File.WriteAllText(Path.Combine(directory, "verilator.log"), run.CommandLine + "\n" + run.Output);
        if (!run.Succeeded) throw VerilatorFailed(run, design, directory);
        return (VerilatorOutput.Read(Path.Combine(directory, "obj"), prefix), run.Duration.TotalSeconds);
    }

    /// <summary>Checks the Verilated ports against the emitter's port list and binds each to its C++ field.</summary>
    public static IReadOnlyList<ModelManifest.Port> BindPorts(EmittedDesign design, VerilatorOutput output)
    {
        var bound = new List<ModelManifest.Port>();
        var problems = new List<string>();
        for (var id = 0; id < design.TopPorts.Count; id++)
        {
            var p = design.TopPorts[id];
            if (!output.Fields.TryGetValue(p.Name, out var field))
            {
                problems.Add($"port '{p.Name}' is listed by the emitter but the Verilated module '{design.TopModule}' has no such port");
                continue;
            }
            if (field.Width != p.Width)
                problems.Add($"port '{p.Name}' is {p.Width} bits in the emitter's port list but {field.Width} bits in the Verilog");
            if (field.Width == p.Width && field.Bytes != VerilatorOutput.StorageBytes(p.Width))
                problems.Add($"port '{p.Name}' ({p.Width} bits) is stored in {field.Bytes} bytes by this Verilator, not the {VerilatorOutput.StorageBytes(p.Width)} the bridge assumes");
            if (field.Direction != p.Direction)
                problems.Add($"port '{p.Name}' is an {p.Direction} in the emitter's port list but an {field.Direction} in the Verilog");
            bound.Add(new ModelManifest.Port(id, p.Name, field.Field, p.Width, p.Direction == PortDirection.Input));
        }
        foreach (var extra in output.Fields.Keys.Where(f => design.TopPorts.All(p => p.Name != f)))
            problems.Add($"the Verilog of '{design.TopModule}' has a port '{extra}' that the emitter's port list lacks");
        if (design.TopPorts.Count(p => p.Role == PortRole.Clock) > 1)
            problems.Add("more than one port has the Clock role; the bridge drives a single clock");
        if (design.TopPorts.Any(p => p.Role == PortRole.Clock && (p.Width != 1 || p.Direction != PortDirection.Input)))
            problems.Add("the Clock port must be a 1-bit input");
        if (design.TopPorts.Any(p => p.Role == PortRole.Reset && (p.Width != 1 || p.Direction != PortDirection.Input)))
            problems.Add("the Reset port must be a 1-bit input");
        if (problems.Count > 0)
            throw new SimBuildException(
                $"the emitted design '{design.TopModule}' and its port list disagree (a bug in the emitter or in a hand-built EmittedDesign):\n  " +
                string.Join("\n  ", problems));
        return bound;
    }

    /// <summary>Compiles the runtime sources and the precompiled header into <paramref name="directory"/>.</summary>
    public double BuildRuntime(IReadOnlyList<string> runtimeSources, string directory)
    {
        var clock = Stopwatch.StartNew();
        File.WriteAllText(Path.Combine(directory, PchHeader), PchText);
        var jobs = new List<CompileJob>
        {
            new([.. HotFlags, "-x", "c++-header", PchHeader, "-o", PchHeader + ".gch"], PchHeader, 0),
        };
        foreach (var source in runtimeSources)
        {
            var path = Path.Combine(tools.VerilatorInclude, source);
            if (!File.Exists(path))
                throw new SimBuildException($"Verilator asks for its runtime source {source}, but {path} does not exist; reinstall Verilator (sudo apt-get install --reinstall verilator).");
            jobs.Add(new([.. HotFlags, "-c", path, "-o", Path.ChangeExtension(source, ".o")], path, new FileInfo(path).Length));
        }
        CompileAll(jobs, directory);
        return clock.Elapsed.TotalSeconds;
    }

    public static IReadOnlyList<string> RuntimeObjects(IReadOnlyList<string> runtimeSources, string runtimeDirectory) =>
        runtimeSources.Select(s => Path.Combine(runtimeDirectory, Path.ChangeExtension(s, ".o"))).ToList();

    /// <summary>Renders the shim, compiles model and shim, and links the shared library.</summary>
    public ModelManifest CompileAndLink(
        EmittedDesign design, string key, string directory, VerilatorOutput output, double verilateSeconds,
        string runtimeDirectory, IReadOnlyList<string> runtimeSources)
    {
        var prefix = PrefixFor(key);
        var ports = BindPorts(design, output);
        File.WriteAllText(Path.Combine(directory, "shim.cpp"), ShimTemplates.RenderShim(design.TopModule, prefix, waves, design.TopPorts, ports, output.RootEval));

        var obj = Path.Combine(directory, "obj");
        var usePch = new[] { "-I" + runtimeDirectory, "-include", PchHeader, "-I" + obj };
        var jobs = new List<CompileJob>();
        var objects = new List<string>();
        var hot = Buckets(output.FastSources.Select(f => Path.Combine(obj, f)).ToList());
        for (var i = 0; i < hot.Count; i++)
        {
            var unit = Path.Combine("obj", $"zfpe_hot_{i}.cpp");
            File.WriteAllLines(Path.Combine(directory, unit), hot[i].Select(f => $"#include \"{Path.GetFileName(f)}\""));
            jobs.Add(new([.. HotFlags, .. usePch, "-c", unit, "-o", $"obj/zfpe_hot_{i}.o"], unit, hot[i].Sum(f => new FileInfo(f).Length)));
            objects.Add($"obj/zfpe_hot_{i}.o");
        }
        if (output.SlowSources.Count > 0)
        {
            var unit = Path.Combine("obj", "zfpe_cold.cpp");
            File.WriteAllLines(Path.Combine(directory, unit), output.SlowSources.Select(f => $"#include \"{f}\""));
            jobs.Add(new([.. ColdFlags, .. usePch, "-c", unit, "-o", "obj/zfpe_cold.o"], unit, output.SlowSources.Sum(f => new FileInfo(Path.Combine(obj, f)).Length)));
            objects.Add("obj/zfpe_cold.o");
        }
        jobs.Add(new([.. HotFlags, .. usePch, "-c", "shim.cpp", "-o", "obj/shim.o"], "shim.cpp", 1));
        objects.Add("obj/shim.o");

        var compileClock = Stopwatch.StartNew();
        CompileAll(jobs, directory);
        var compileSeconds = compileClock.Elapsed.TotalSeconds;

        var linkFlags = new List<string> { "-shared", "-Wl,--no-undefined", "-Wl,-Bsymbolic" };
        var link = new List<string>(linkFlags) { "-o", ModelManifest.LibraryFileName };
        link.AddRange(objects);
        link.AddRange(RuntimeObjects(runtimeSources, runtimeDirectory));
        link.AddRange(LinkLibraries);
        var linkRun = RunTool(tools.CompilerPath, link, directory, MissingCompiler);
        if (!linkRun.Succeeded) throw CompilerFailed(linkRun, directory, "linking the model");

        foreach (var dependency in Directory.EnumerateFiles(obj, "*.d")) File.Delete(dependency);
        return new ModelManifest(
            key, design.TopModule, prefix, waves, tools.VerilatorVersion, tools.CompilerVersion,
            VerilatorFlags, HotFlags, ColdFlags, [.. linkFlags, .. LinkLibraries], runtimeDirectory, objects, ports,
            verilateSeconds, compileSeconds, linkRun.Duration.TotalSeconds,
            verilateSeconds + compileSeconds + linkRun.Duration.TotalSeconds, DateTime.UtcNow)
        {
            DirectRootEval = output.RootEval,
        };
    }

    /// <summary>Links the plain C++ driver (Templates/driver.cpp.hbs) against the model's kept objects.</summary>
    public void LinkDriver(CompiledModel model, string outputPath)
    {
        var manifest = model.Manifest;
        var directory = model.Directory;
        var source = Path.Combine(directory, "driver.cpp");
        File.WriteAllText(source, ShimTemplates.RenderDriver(manifest.TopModule, manifest.Prefix, manifest.Waves, model.Design.TopPorts, manifest.Ports));
        var scratch = outputPath + ".o";
        var compile = RunTool(tools.CompilerPath,
            [.. manifest.HotCompilerFlags, "-I" + manifest.RuntimeDirectory, "-include", PchHeader, "-I" + Path.Combine(directory, "obj"), "-c", source, "-o", scratch],
            directory, MissingCompiler);
        if (!compile.Succeeded) throw CompilerFailed(compile, directory, "compiling the C++ driver");
        var runtimeSources = Directory.EnumerateFiles(manifest.RuntimeDirectory, "*.o").Order(StringComparer.Ordinal).ToList();
        var link = RunTool(tools.CompilerPath,
            ["-o", outputPath, scratch, .. manifest.ObjectFiles, .. runtimeSources, .. LinkLibraries], directory, MissingCompiler);
        File.Delete(scratch);
        if (!link.Succeeded) throw CompilerFailed(link, directory, "linking the C++ driver");
    }

    private sealed record CompileJob(IReadOnlyList<string> Arguments, string Source, long Size);

    /// <summary>Splits the hot sources into at most BuildJobs units of similar size; small designs stay one unit.</summary>
    private List<List<string>> Buckets(List<string> files)
    {
        const long BytesPerUnit = 400_000; // below this, another unit costs more (headers) than it saves
        var total = files.Sum(f => new FileInfo(f).Length);
        var count = (int)Math.Clamp(total / BytesPerUnit, 1, Math.Max(1, Math.Min(options.BuildJobs, files.Count)));
        var buckets = Enumerable.Range(0, count).Select(_ => (Size: 0L, Files: new List<string>())).ToList();
        foreach (var f in files.OrderByDescending(f => new FileInfo(f).Length))
        {
            var smallest = buckets.IndexOf(buckets.MinBy(b => b.Size));
            buckets[smallest] = (buckets[smallest].Size + new FileInfo(f).Length, buckets[smallest].Files);
            buckets[smallest].Files.Add(f);
        }
        return buckets.Where(b => b.Files.Count > 0).Select(b => b.Files).ToList();
    }

    private void CompileAll(List<CompileJob> jobs, string directory)
    {
        var failures = new List<ToolRun>();
        Parallel.ForEach(
            jobs.OrderByDescending(j => j.Size),
            new ParallelOptions { MaxDegreeOfParallelism = options.BuildJobs },
            job =>
            {
                CompilerSlots.Wait();
                ToolRun run;
                try
                {
                    run = RunTool(tools.CompilerPath, job.Arguments, directory, MissingCompiler);
                }
                finally
                {
                    CompilerSlots.Release();
                }
                if (!run.Succeeded) lock (failures) failures.Add(run);
            });
        if (failures.Count > 0) throw CompilerFailed(failures[0], directory, "compiling the model");
    }

    private static ToolRun RunTool(string executable, IReadOnlyList<string> arguments, string directory, string missing)
    {
        try
        {
            return ToolRun.Start(executable, arguments, directory);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SimBuildException($"{missing} ({e.Message})", executable);
        }
    }

    private const string MissingVerilator = "Verilator could not be started. Install it: sudo apt-get install verilator";
    private const string MissingCompiler = "The C++ compiler could not be started. Install it: sudo apt-get install g++";

    private static SimBuildException VerilatorFailed(ToolRun run, EmittedDesign design, string directory)
    {
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var first = lines.Select(l => VerilatorDiagnostic().Match(l)).FirstOrDefault(m => m.Success);
        var text = new StringBuilder($"Verilator rejected the design '{design.TopModule}' (exit code {run.ExitCode}):\n");
        foreach (var l in lines.Take(60)) text.Append("  ").AppendLine(l);
        if (lines.Count > 60) text.AppendLine($"  ... {lines.Count - 60} more lines in verilator.log");
        string? file = null;
        int? line = null;
        if (first is not null)
        {
            file = Path.GetFileName(first.Groups["file"].Value);
            line = int.Parse(first.Groups["line"].Value, CultureInfo.InvariantCulture);
            var emitted = design.Files.FirstOrDefault(f => f.FileName == file);
            var sourceLine = emitted?.Text.Split('\n').ElementAtOrDefault(line.Value - 1)?.Trim();
            text.AppendLine($"first problem: {file}:{line}: {sourceLine ?? first.Groups["message"].Value}");
        }
        text.Append($"The emitted files and verilator.log are kept in {directory}");
        return new SimBuildException(text.ToString(), run.Executable, run.Output, file, line, directory);
    }

    private static SimBuildException CompilerFailed(ToolRun run, string directory, string what)
    {
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var errors = lines.Where(l => CompilerDiagnostic().IsMatch(l)).ToList();
        var first = errors.Select(l => CompilerDiagnostic().Match(l)).FirstOrDefault();
        var shown = errors.Count > 0 ? errors : lines;
        var text = new StringBuilder($"the C++ compiler failed {what} (exit code {run.ExitCode}):\n");
        foreach (var l in shown.Take(40)) text.Append("  ").AppendLine(l);
        if (shown.Count > 40) text.AppendLine($"  ... {shown.Count - 40} more");
        string? file = null;
        int? line = null;
        if (first is not null)
        {
            file = first.Groups["file"].Value;
            line = int.Parse(first.Groups["line"].Value, CultureInfo.InvariantCulture);
            var path = Path.IsPathRooted(file) ? file : Path.Combine(directory, file);
            var sourceLine = File.Exists(path) ? File.ReadLines(path).ElementAtOrDefault(line.Value - 1)?.Trim() : null;
            text.AppendLine($"first error: {file}:{line}: {sourceLine}");
        }
        if (run.Output.Contains("zlib.h", StringComparison.Ordinal) || run.Output.Contains("-lz", StringComparison.Ordinal))
            text.AppendLine("FST waves need zlib's development files: sudo apt-get install zlib1g-dev (or record VCD waves: ZFPE_WAVES=vcd).");
        text.AppendLine($"command: {run.CommandLine}");
        text.Append($"The sources are kept in {directory}");
        return new SimBuildException(text.ToString(), run.Executable, run.Output, file, line, directory);
    }

    private static string Hash(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    [GeneratedRegex(@"^%(?:Error|Warning)[^:]*: (?<file>[^:\s]+):(?<line>\d+):(?:\d+:)?\s*(?<message>.*)$")]
    private static partial Regex VerilatorDiagnostic();

    [GeneratedRegex(@"^(?<file>[^:\s]+):(?<line>\d+):(?:\d+:)? (?:fatal )?error: (?<message>.*)$")]
    private static partial Regex CompilerDiagnostic();
}
