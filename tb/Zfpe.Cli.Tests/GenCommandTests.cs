using System.Text.Json.Nodes;

namespace Zfpe.Cli.Tests;

/// <summary>
/// zfpe gen --out DIR deletes only what an earlier generation wrote there (its manifest says
/// which), and refuses a directory with files that are not its own.
/// </summary>
public sealed class GenCommandTests : TempDirectoryTest
{
    private static ProcessResult Gen(string directory, params string[] sets) =>
        ZfpeCli.Run(["gen", "fifo", "--out", directory, .. sets.SelectMany(s => new[] { "--set", s })]);

    private static string[] Names(string directory) => Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Regenerating_replaces_the_previous_generation_and_keeps_every_other_file()
    {
        string dir = Dir.File("rtl");
        Assert.Equal(0, Gen(dir).ExitCode);
        Assert.Equal(["manifest.json", "sourcemap.json", "sync_fifo.v"], Names(dir));
        File.WriteAllText(Path.Combine(dir, "my_top.v"), "module my_top; endmodule\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var result = Gen(dir, "depth=32");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["manifest.json", "my_top.v", "notes.txt", "sourcemap.json", "sync_fifo_depth32.v"], Names(dir));
        Assert.Equal("module my_top; endmodule\n", File.ReadAllText(Path.Combine(dir, "my_top.v")));
    }

    [Fact]
    public void An_edited_file_of_the_previous_generation_is_kept_with_a_warning()
    {
        string dir = Dir.File("rtl");
        Assert.Equal(0, Gen(dir).ExitCode);
        string edited = Path.Combine(dir, "sync_fifo.v");
        File.AppendAllText(edited, "// my fix\n");
        var result = Gen(dir, "depth=32");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: kept {edited}: an earlier zfpe gen wrote it, but it has changed since", result.Stderr);
        Assert.EndsWith("// my fix\n", File.ReadAllText(edited));
    }

    [Fact]
    public void A_non_empty_directory_without_a_manifest_is_refused_untouched()
    {
        string dir = Dir.File("hand");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "sync_fifo.v"), "hand-written");
        File.WriteAllText(Path.Combine(dir, "other.v"), "also mine");
        var result = Gen(dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --out {dir} is not empty and was not made by zfpe gen (it has no manifest.json): choose a new or empty directory; nothing was written or deleted\n", result.Stderr);
        Assert.Equal(["other.v", "sync_fifo.v"], Names(dir));
        Assert.Equal("hand-written", File.ReadAllText(Path.Combine(dir, "sync_fifo.v")));
    }

    [Theory]
    [InlineData("{}", "it does not name the generator zfpe-hdl")]
    [InlineData("not json", "is not one that zfpe gen writes")]
    [InlineData("""{"generator": {"name": "zfpe-hdl"}, "files": [{"name": "../victim.v", "sha256": "x"}]}""", "it lists '../victim.v', which is not a file name in that directory")]
    public void A_manifest_that_zfpe_gen_did_not_write_is_not_trusted(string manifest, string message)
    {
        string dir = Dir.File("foreign");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest);
        string victim = Dir.File("victim.v");
        File.WriteAllText(victim, "outside");
        var result = Gen(dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--out {dir} is not empty and was not made by zfpe gen", result.Stderr);
        Assert.Contains(message, result.Stderr);
        Assert.True(File.Exists(victim));
        Assert.Equal(["manifest.json"], Names(dir));
    }

    [Fact]
    public void The_manifest_lists_what_was_written_and_an_empty_or_file_target_is_handled()
    {
        string empty = Dir.File("empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(0, Gen(empty).ExitCode);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(empty, "manifest.json")))!;
        Assert.Equal("zfpe-hdl", (string?)manifest["generator"]!["name"]);
        Assert.Equal(["sync_fifo.v"], manifest["files"]!.AsArray().Select(f => (string?)f!["name"]));

        string file = Dir.File("a-file");
        File.WriteAllText(file, "x");
        var result = Gen(file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--out {file} is a file: name a directory", result.Stderr);
    }
}
