namespace Zfpe.Flow.Tests;

public class ToolOriginTests
{
    [Fact]
    public void A_wrapper_of_the_install_script_is_named_with_the_package_it_runs()
    {
        using var t = new TempDirectory();
        var wrapper = FakeTool.Write(t.Path, "nextpnr-ecp5",
            "# zfpe-ecp5-tools wrapper: Debian trixie nextpnr-ecp5 0.7-1+b2 in /opt/zfpe/ecp5-tools\nexit 0\n");
        Assert.Equal("Debian trixie nextpnr-ecp5 0.7-1+b2 in /opt/zfpe/ecp5-tools", ToolOrigin.WrapperDescription(wrapper));
        var origin = ToolOrigin.Describe(wrapper);
        Assert.StartsWith("Debian trixie nextpnr-ecp5 0.7-1+b2 in /opt/zfpe/ecp5-tools", origin);
        Assert.Contains("install-ecp5-tools.sh", origin);
    }

    [Fact]
    public void A_link_to_a_wrapper_is_followed()
    {
        using var t = new TempDirectory();
        var wrapper = FakeTool.Write(t.Path, "ecppack-real", "# zfpe-ecp5-tools wrapper: Debian trixie fpga-trellis 1.4-2+b4 in /opt/x\nexit 0\n");
        var link = t.Sub("ecppack");
        File.CreateSymbolicLink(link, wrapper);
        var origin = ToolOrigin.Describe(link);
        Assert.StartsWith("Debian trixie fpga-trellis 1.4-2+b4 in /opt/x", origin);
        Assert.Contains($"a link to {wrapper}", origin);
    }

    [Fact]
    public void A_file_no_package_installed_is_said_to_be_a_local_build()
    {
        using var t = new TempDirectory();
        var tool = FakeTool.Write(t.Path, "yosys", "echo 'Yosys 9.9'\n");
        Assert.Null(ToolOrigin.WrapperDescription(tool));
        Assert.StartsWith("not from a distribution package", ToolOrigin.Describe(tool));
    }

    [Fact]
    public void A_program_of_a_debian_package_is_named_with_its_package_and_version()
    {
        // The project's machines are Debian; elsewhere there is no package database to ask.
        var origin = ToolOrigin.Describe("/usr/bin/dpkg-query");
        if (File.Exists("/usr/bin/dpkg-query")) Assert.Matches(@"^Debian package dpkg \d", origin);
        else Assert.StartsWith("not from a distribution package", origin);
    }
}
