namespace Zfpe.Flow.Tests;

public class ToolLocatorTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_empty_path_hides_every_tool_and_says_which_variable_would_help()
    {
        var locator = new ToolLocator(Environment(("PATH", "")));
        foreach (var l in locator.LocateAll())
        {
            Assert.False(l.Found);
            Assert.Contains("not on PATH", l.Problem);
            Assert.Contains(l.Spec.EnvironmentVariable, l.Problem);
        }
    }

    [Fact]
    public void A_tool_is_found_on_path_with_its_version()
    {
        using var t = new TempDirectory();
        FakeTool.Nextpnr(t.Path, 100, version: "7");
        var l = new ToolLocator(Environment(("PATH", "/nonexistent:" + t.Path))).Locate(ToolKind.NextpnrEcp5);
        Assert.True(l.Found);
        Assert.Equal("PATH", l.Source);
        Assert.Equal(Path.Combine(t.Path, "nextpnr-ecp5"), l.Path);
        Assert.Contains("fake-7", l.Version);
        Assert.Equal(l.Version, l.Identity);
    }

    [Fact]
    public void The_tool_variable_takes_precedence_over_path()
    {
        using var t = new TempDirectory();
        var onPath = Directory.CreateDirectory(t.Sub("path")).FullName;
        var chosen = Directory.CreateDirectory(t.Sub("chosen")).FullName;
        FakeTool.Nextpnr(onPath, 100, version: "on-path");
        var chosenTool = FakeTool.Nextpnr(chosen, 100, version: "chosen");
        var l = new ToolLocator(Environment(("PATH", onPath), ("ZFPE_NEXTPNR_ECP5", chosenTool))).Locate(ToolKind.NextpnrEcp5);
        Assert.Equal(chosenTool, l.Path);
        Assert.Equal("ZFPE_NEXTPNR_ECP5", l.Source);
        Assert.Contains("fake-chosen", l.Version);
    }

    [Fact]
    public void A_variable_naming_a_missing_file_makes_the_tool_missing_rather_than_falling_back_to_path()
    {
        using var t = new TempDirectory();
        FakeTool.Nextpnr(t.Path, 100);
        var locator = new ToolLocator(Environment(("PATH", t.Path), ("ZFPE_NEXTPNR_ECP5", "/nonexistent/nextpnr-ecp5")));
        var l = locator.Locate(ToolKind.NextpnrEcp5);
        Assert.False(l.Found);
        Assert.Contains("ZFPE_NEXTPNR_ECP5=/nonexistent/nextpnr-ecp5 does not name an existing file", l.Problem);
        var e = Assert.Throws<MissingToolException>(() => locator.Require(ToolKind.NextpnrEcp5));
        TextAssert.ContainsAll(e.Message,
            "OSS CAD Suite",
            "bookworm");
    }

    [Fact]
    public void A_variable_naming_a_file_that_is_not_executable_says_so()
    {
        using var t = new TempDirectory();
        var file = t.Sub("ecppack");
        File.WriteAllText(file, "not a program");
        var l = new ToolLocator(Environment(("ZFPE_ECPPACK", file))).Locate(ToolKind.Ecppack);
        Assert.False(l.Found);
        Assert.Contains("not executable", l.Problem);
    }

    [Fact]
    public void A_variable_holding_a_bare_name_is_looked_up_on_path()
    {
        using var t = new TempDirectory();
        var tool = FakeTool.Write(t.Path, "ecppack-nightly", "echo 'ecppack nightly'\n");
        var l = new ToolLocator(Environment(("PATH", t.Path), ("ZFPE_ECPPACK", "ecppack-nightly"))).Locate(ToolKind.Ecppack);
        Assert.Equal(tool, l.Path);
        Assert.Equal("ecppack nightly", l.Version);
    }

    [Fact]
    public void A_tool_without_a_version_is_identified_by_its_file_hash()
    {
        using var t = new TempDirectory();
        FakeTool.Write(t.Path, "ecppack", "exit 3\n");
        var l = new ToolLocator(Environment(("PATH", t.Path))).Locate(ToolKind.Ecppack);
        Assert.True(l.Found);
        Assert.Null(l.Version);
        Assert.StartsWith("file-sha256:", l.Identity);
    }

    [ToolFact(ToolKind.Yosys)]
    public void The_installed_yosys_reports_its_version()
    {
        var l = new ToolLocator().Locate(ToolKind.Yosys);
        Assert.StartsWith("Yosys ", l.Version);
    }
}
