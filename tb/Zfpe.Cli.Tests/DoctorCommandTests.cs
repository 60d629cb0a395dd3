using Zfpe.Tools;

namespace Zfpe.Cli.Tests;

/// <summary>`zfpe doctor` reports every tool of the registry and the data the project needs, with a remedy for each missing one.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_lists_every_registered_tool_libzfp_and_the_digits_data()
    {
        var r = ZfpeCli.Run("doctor");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var spec in ToolSpec.All)
            Assert.Contains(spec.Executable + " ", r.Stdout);
        TextAssert.ContainsAll(r.Stdout,
            "libzfp.so.1",
            "digits data");
        Assert.Equal(ToolSpec.All.Count + 2, r.Stdout.Split('\n').Count(l => l.StartsWith("found ", StringComparison.Ordinal) || l.StartsWith("MISSING ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_missing_tool_and_missing_data_get_the_reason_and_the_remedy_and_the_exit_code_stays_zero()
    {
        var r = ZfpeCli.RunWith(new Dictionary<string, string>
        {
            ["ZFPE_YOSYS"] = "/nonexistent/yosys",
            ["ZFPE_VERILATOR"] = "no-such-verilator",
            ["ZFPE_DIGITS"] = "/nonexistent/digits.csv.gz",
        }, "doctor");

        Assert.True(r.ExitCode == 0, r.ToString());
        TextAssert.ContainsAll(r.Stdout,
            "MISSING  yosys\n         why: ZFPE_YOSYS=/nonexistent/yosys does not name an existing file",
            $"get it: {ToolSpec.Yosys.HowToGet}; or set ZFPE_YOSYS to its path",
            "MISSING  verilator\n         why: ZFPE_VERILATOR=no-such-verilator is not found on PATH",
            "MISSING  digits data\n         why: none of /nonexistent/digits.csv.gz exists",
            "run scripts/fetch-digits.sh",
            "Missing: verilator, yosys, digits data. no co-simulation (Verilator and g++ are both needed); no board flow (Yosys is missing).");
    }
}
