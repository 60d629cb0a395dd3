using Zfpe.Reference.Codecs;
using static Zfpe.Reference.Tests.Support.Coreutils;

namespace Zfpe.Cli.Tests;

/// <summary>
/// What every command that writes a file does with the paths it is given: devices, pipes and
/// stdout are written through, links followed, directories refused, the input never overwritten,
/// and the output named for the format it holds.
/// </summary>
public sealed class OutputSafetyTests : TempDirectoryTest
{
    private static readonly float[] Values = Enumerable.Range(0, 64).Select(i => MathF.Sin(i * 0.3f)).ToArray();

    private string Tensor(string name = "w.npy")
    {
        string path = Dir.File(name);
        if (name.EndsWith(".npy", StringComparison.Ordinal))
            NpyFile.Write(path, new Tensor(Values, [8, 8]));
        else
            RawF32File.Write(path, Values);
        return path;
    }

    private static void AssertRefused(ProcessResult result, string message)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains(message, result.Stderr);
    }

    private static readonly ContainerCodec Zfpe5 = ContainerCodec.ForZfpe(new ZfpeParameters());

    [Fact]
    public void A_character_device_output_is_written_through_and_stays_a_device()
    {
        string input = Tensor(), device = NullDevice(Dir.Path);
        foreach (var args in new[] { new[] { "compress", "--in", input, "--out", device }, ["compress", "--in", input, "--out", device, "--raw"] })
        {
            var result = ZfpeCli.Run(args);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"note: --out {device} is a character device: written through it, not replaced", result.Stderr);
            Assert.Equal("character special file", TypeOf(device));
        }
        var packed = Dir.File("p.zfpe");
        Assert.Equal(0, ZfpeCli.Run("compress", "--in", input, "--out", packed).ExitCode);
        var decompress = ZfpeCli.Run("decompress", "--in", packed, "--out", device, "--format", "npy");
        Assert.True(decompress.ExitCode == 0, decompress.ToString());
        Assert.Equal("character special file", TypeOf(device));
    }

    [Fact]
    public void Stdout_gets_the_data_and_the_summary_moves_to_stderr()
    {
        string input = Tensor();
        var compress = ZfpeCli.RunBinary("compress", "--in", input, "--out", "/dev/stdout");
        Assert.True(compress.ExitCode == 0, compress.ToString());
        var contents = ZfpeContainer.Parse(compress.Stdout);
        Assert.Equal(Zfpe5.Compress(Values, out _), contents.Payload);
        TextAssert.ContainsAll(compress.Stderr,
            "/dev/stdout: 64 values",
            "note: --out /dev/stdout is standard output: written through it");

        string packed = Dir.File("p.zfpe");
        File.WriteAllBytes(packed, compress.Stdout);
        var decompress = ZfpeCli.RunBinary("decompress", "--in", packed, "--out", "/dev/stdout", "--format", "f32");
        Assert.True(decompress.ExitCode == 0, decompress.ToString());
        Assert.Equal(Zfpe5.Decompress(contents.Payload, 64), RawF32File.Parse(decompress.Stdout).Values);

        var unnamed = ZfpeCli.Run("decompress", "--in", packed, "--out", "/dev/stdout");
        AssertRefused(unnamed, "--out /dev/stdout is not a file whose extension names the format: add --format npy or --format f32");
    }

    [Fact]
    public void An_evaluate_csv_on_stdout_gets_stdout_to_itself()
    {
        string input = Tensor();
        var result = ZfpeCli.Run("evaluate", "--in", input, "--methods", "zfpe-b5,int8-sym-tensor", "--csv", "/dev/stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("method,bits_per_value,", lines[0]);
        Assert.Contains("zfpe-b5 ", result.Stderr);
    }

    [Fact]
    public async Task A_named_pipe_output_is_written_through_to_its_reader()
    {
        string input = Tensor(), fifo = Dir.File("pipe");
        Run("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        var result = ZfpeCli.Run("compress", "--in", input, "--out", fifo, "--raw");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Zfpe5.Compress(Values, out _), await reader.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("fifo", TypeOf(fifo));
    }

    [Fact]
    public void A_symbolic_link_output_is_followed_and_the_link_kept()
    {
        string input = Tensor(), target = Dir.File("real.zfpe"), link = Dir.File("link.zfpe");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        var result = ZfpeCli.Run("compress", "--in", input, "--out", link);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"note: --out {link} is a symbolic link: followed it to {target} and wrote that file", result.Stderr);
        Assert.Equal("link", TypeOf(link));
        Assert.Equal(Zfpe5.Compress(Values, out _), ZfpeContainer.Read(target).Payload);
    }

    public static TheoryData<string> DirectoryOutputs() => new()
    {
        "compress --in IN --out DIR",
        "compress --in IN --out DIR --raw",
        "decompress --in PACKED --out DIR",
        "evaluate --in IN --csv DIR",
    };

    [Theory]
    [MemberData(nameof(DirectoryOutputs))]
    public void An_existing_directory_as_output_is_a_clear_error(string command)
    {
        string input = Tensor(), packed = Dir.File("p.zfpe"), directory = Dir.File("d.zfpe");
        Assert.Equal(0, ZfpeCli.Run("compress", "--in", input, "--out", packed).ExitCode);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "mine.txt"), "keep");
        var args = command.Split(' ').Select(a => a switch { "IN" => input, "PACKED" => packed, "DIR" => directory, _ => a }).ToArray();
        var result = ZfpeCli.Run(args);
        AssertRefused(result, $"{directory} is a directory: name a file");
        Assert.Equal(["mine.txt"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    public static TheoryData<string, string> SameFileCommands() => new()
    {
        { "compress --in IN --out ALIAS", "same" },
        { "compress --in IN --out ALIAS", "hard" },
        { "compress --in IN --out ALIAS", "symbolic" },
        { "compress --in IN --out ALIAS --raw", "same" },
        { "compress --in IN --out ALIAS --raw", "hard" },
        { "decompress --in IN --out ALIAS --format npy", "same" },
        { "decompress --in IN --out ALIAS", "hard" },
        { "decompress --raw --count 64 --in IN --out ALIAS", "hard" },
        { "evaluate --in IN --csv ALIAS", "same" },
        { "evaluate --in IN --csv ALIAS", "symbolic" },
    };

    [Theory]
    [MemberData(nameof(SameFileCommands))]
    public void An_output_that_is_the_input_is_refused_whatever_its_name(string command, string alias)
    {
        string verb = command.Split(' ')[0];
        string input = verb == "decompress" ? Dir.File(command.Contains("--raw") ? "in.raw" : "in.zfpe") : Tensor();
        if (verb == "decompress")
            Assert.Equal(0, ZfpeCli.Run(["compress", "--in", Tensor(), "--out", input, .. command.Contains("--raw") ? new[] { "--raw" } : []]).ExitCode);
        string extension = verb switch { "decompress" => ".npy", "evaluate" => ".csv", _ => command.Contains("--raw") ? ".raw" : ".zfpe" };
        string output = alias switch
        {
            "same" => input,
            _ => Dir.File("alias" + extension),
        };
        if (alias == "hard")
            Run("ln", input, output);
        else if (alias == "symbolic")
            File.CreateSymbolicLink(output, input);
        var before = File.ReadAllBytes(input);

        var args = command.Split(' ').Select(a => a switch { "IN" => input, "ALIAS" => output, _ => a }).ToArray();
        var result = ZfpeCli.Run(args);
        AssertRefused(result, "is the same file as --in");
        Assert.Contains("nothing was written", result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Theory]
    [InlineData("compress --in IN --out OUT.npy", "a container is named .zfpe, not '.npy'")]
    [InlineData("compress --in IN --out OUT.bin", "a container is named .zfpe, not '.bin'; add --raw")]
    [InlineData("compress --in IN --out OUT --raw", null)]
    [InlineData("compress --in IN --out OUT.zfpe --raw", "'.zfpe' names another format, but this is a bare block stream")]
    [InlineData("compress --in IN --out OUT.f32 --raw", "'.f32' names another format")]
    [InlineData("compress --in IN --out OUT.ZFPE", null)]
    public void Compressed_outputs_are_named_for_what_they_hold_like_decompressed_ones(string command, string? error)
    {
        string input = Tensor(), output = Dir.File("out");
        var args = command.Split(' ').Select(a => a.Replace("IN", input).Replace("OUT", output)).ToArray();
        var result = ZfpeCli.Run(args);
        if (error is null)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            return;
        }
        AssertRefused(result, error);
        Assert.DoesNotContain(Directory.GetFiles(Dir.Path), f => Path.GetFileName(f).StartsWith("out", StringComparison.Ordinal));
    }
}
