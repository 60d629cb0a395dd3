using System.Runtime.InteropServices;

namespace Zfpe.Cli.Tests;

/// <summary>
/// An interrupted write (SIGINT, SIGTERM) leaves neither a partial output nor the hidden temporary
/// file the output was being written to.
/// </summary>
public sealed class InterruptTests : TempDirectoryTest
{
    private const int ValueCount = 12 << 20;

    private const int SIGSTOP = 19, SIGCONT = 18;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [Theory]
    [InlineData(2, "SIGINT")]
    [InlineData(15, "SIGTERM")]
    public async Task A_signal_during_the_write_removes_the_temporary_file(int signal, string name)
    {
        // A signal ignored here is ignored by the CLI too (the disposition is inherited across exec, and
        // .NET leaves an ignored signal ignored): a shell's background job runs with SIGINT ignored.
        Assert.False(Ignored(signal), $"{name} is ignored in this test process (inherited from its parent, for example a shell's background job): run the tests in the foreground");
        string raw = Dir.File("big.f32"), packed = Dir.File("big.zfpe");
        RawF32File.Write(raw, Enumerable.Range(0, ValueCount).Select(i => (float)i).ToArray());
        var compress = ZfpeCli.Run("compress", "--in", raw, "--out", packed);
        Assert.True(compress.ExitCode == 0, compress.ToString());
        File.Delete(raw);
        string output = Dir.File("out.npy");

        // The decompressed .npy (48 MB) is written in tens of milliseconds: freeze the process
        // (SIGSTOP) as soon as its temporary file appears, and try again if the rename won the race.
        for (int attempt = 1; ; attempt++)
        {
            using var process = ZfpeCli.Start("decompress", "--in", packed, "--out", output);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            string? temporary = null;
            while (!process.HasExited && temporary is null)
                temporary = Directory.GetFiles(Dir.Path, ".out.npy.*.tmp").FirstOrDefault();
            bool caught = temporary is not null && kill(process.Id, SIGSTOP) == 0 && File.Exists(temporary);
            if (!caught)
            {
                kill(process.Id, SIGCONT);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
                Assert.True(attempt < 10, $"the write finished before it could be interrupted, {attempt} times: {await stdout} {await stderr}");
                File.Delete(output);
                continue;
            }
            Assert.Equal(0, kill(process.Id, signal));
            Assert.Equal(0, kill(process.Id, SIGCONT));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            if (process.ExitCode == 0)
            {
                // .NET handles a signal on a thread of its own: on a loaded machine the write can still
                // finish (and rename) before the handler runs. That is a finished write, not an
                // interrupted one: try again.
                Assert.True(attempt < 10, $"the write finished after {name} every time, {attempt} times: {await stderr}");
                File.Delete(output);
                continue;
            }
            break;
        }
        Assert.Equal([packed], Directory.GetFiles(Dir.Path));
    }

    /// <summary>Whether <paramref name="signal"/> is ignored in this process (Linux: the SigIgn mask of /proc/self/status).</summary>
    private static bool Ignored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) >> (signal - 1) & 1) == 1;
    }
}
