namespace Zfpe.Flow.Tests;

public class BoardProgrammerTests
{
    [Theory]
    [InlineData(false, "--board ulx3s {0}")]
    [InlineData(true, "--board ulx3s --write-flash {0}")]
    public void Programming_runs_openfpgaloader_for_the_ulx3s_with_the_bitstream(bool flash, string expected)
    {
        using var t = new TempDirectory();
        var record = t.Sub("arguments.txt");
        var loader = FakeTool.Write(t.Path, "openFPGALoader", $"echo \"$@\" > '{record}'\necho 'Loading: [====] 100.00%'\n");
        var bit = t.Sub("top.bit");
        File.WriteAllText(bit, "bits");
        var echoed = new List<string>();
        var tools = ToolLocator.WithOverrides(new Dictionary<string, string?> { ["ZFPE_OPENFPGALOADER"] = loader });
        new BoardProgrammer(tools).Program(bit, flash, t.Sub("logs/openFPGALoader.log"), echoed.Add);
        Assert.Equal(string.Format(expected, bit), File.ReadAllText(record).Trim());
        Assert.Contains("Loading: [====] 100.00%", echoed);
        Assert.Contains("Loading", File.ReadAllText(t.Sub("logs/openFPGALoader.log")));
    }

    [Fact]
    public void A_loader_that_finds_no_board_fails_with_its_own_message()
    {
        using var t = new TempDirectory();
        var loader = FakeTool.Failing(t.Path, "openFPGALoader", "unable to open ftdi device: -3 (device not found)");
        var bit = t.Sub("top.bit");
        File.WriteAllText(bit, "bits");
        var tools = ToolLocator.WithOverrides(new Dictionary<string, string?> { ["ZFPE_OPENFPGALOADER"] = loader });
        var e = Assert.Throws<ToolFailedException>(() => new BoardProgrammer(tools).Program(bit, false, t.Sub("log.txt")));
        Assert.Contains("unable to open ftdi device", e.Message);
    }

    [Fact]
    public void A_missing_loader_names_the_tool_and_how_to_get_it()
    {
        using var t = new TempDirectory();
        var bit = t.Sub("top.bit");
        File.WriteAllText(bit, "bits");
        var tools = new ToolLocator(name => name == "PATH" ? "" : null);
        var e = Assert.Throws<MissingToolException>(() => new BoardProgrammer(tools).Program(bit, false, t.Sub("log.txt")));
        TextAssert.ContainsAll(e.Message,
            "openFPGALoader",
            "apt-get install openfpgaloader");
    }

    [Fact]
    public void A_missing_bitstream_says_to_build_first()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new BoardProgrammer(new ToolLocator()).Program("/nonexistent/top.bit", false, "/tmp/unused.log"));
        Assert.Contains("zfpe build", e.Message);
    }
}
