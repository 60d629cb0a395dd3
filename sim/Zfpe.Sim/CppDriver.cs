using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Zfpe.Sim;

/// <summary>
/// A standalone executable: the plain C++ loop around the same Verilated model (same objects as
/// the shared library), running <see cref="InputPattern"/>. It is the yardstick of the bridge's
/// speed; link it with <see cref="CompiledModel.CppDriver"/>.
/// </summary>
public sealed partial class CppDriver
{
    private CppDriver(string executablePath) => ExecutablePath = executablePath;

    public string ExecutablePath { get; }

    internal static CppDriver For(CompiledModel model)
    {
        if (model.Design.TopPorts.All(p => p.Role != Hdl.Emit.PortRole.Clock))
            throw new InvalidOperationException($"module '{model.Design.TopModule}' has no clock port; the C++ driver steps a clock.");
        var template = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ShimTemplates.DriverText)))[..12].ToLowerInvariant();
        var path = Path.Combine(model.Directory, $"cpp-driver-{template}");
        if (File.Exists(path)) return new CppDriver(path);
        using var _ = CacheLock.Acquire(Path.Combine(model.Cache.Directory, "locks", model.Key + ".driver.lock"), TimeSpan.FromMinutes(10));
        if (File.Exists(path)) return new CppDriver(path);
        var scratch = path + $".{Environment.ProcessId}.tmp";
        var builder = new ModelBuilder(Toolchain.Locate(model.Options), model.Options, model.Waves);
        builder.LinkDriver(model, scratch);
        File.Move(scratch, path, overwrite: true);
        return new CppDriver(path);
    }

    /// <summary>Runs the pattern for <paramref name="cycles"/> cycles after <paramref name="resetCycles"/> of reset.</summary>
    public PatternResult Run(long cycles, ulong seed, int resetCycles = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        ArgumentOutOfRangeException.ThrowIfNegative(resetCycles);
        var run = ToolRun.Start(ExecutablePath,
            [cycles.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture), resetCycles.ToString(CultureInfo.InvariantCulture)],
            Path.GetDirectoryName(ExecutablePath)!);
        var m = Result().Match(run.Output);
        if (!run.Succeeded || !m.Success)
            throw new InvalidOperationException($"the C++ driver {ExecutablePath} failed (exit code {run.ExitCode}):\n{run.Output.TrimEnd()}");
        return new PatternResult(
            long.Parse(m.Groups["cycles"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture),
            ulong.Parse(m.Groups["checksum"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"cycles=(?<cycles>\d+) seconds=(?<seconds>[0-9.]+) cycles_per_second=[0-9.]+ checksum=(?<checksum>[0-9a-f]{16})")]
    private static partial Regex Result();
}
