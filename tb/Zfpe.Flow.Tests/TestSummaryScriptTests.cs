using System.Diagnostics;

namespace Zfpe.Flow.Tests;

/// <summary>
/// scripts/test-summary.awk, which ends <c>make test</c>: every skipped test with its reason,
/// then one total line over every project's TRX report.
/// </summary>
public sealed class TestSummaryScriptTests : TempDirectoryTest
{
    /// <summary>A TRX report as vstest's logger writes it (the parts the summary reads).</summary>
    private static string Report(string counters, params (string Name, string Outcome, string? Message)[] results) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun id=\"1\" name=\"run\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n  <Results>\n" +
        string.Concat(results.Select(r =>
            $"    <UnitTestResult executionId=\"e\" testId=\"t\" testName=\"{r.Name}\" computerName=\"vm\" duration=\"00:00:00\" outcome=\"{r.Outcome}\" testListId=\"l\">\n" +
            (r.Message is null ? "" : $"      <Output>\n        <ErrorInfo>\n          <Message>{r.Message}</Message>\n        </ErrorInfo>\n      </Output>\n") +
            "    </UnitTestResult>\n")) +
        "  </Results>\n  <ResultSummary outcome=\"Completed\">\n" +
        $"    <Counters {counters} error=\"0\" timeout=\"0\" aborted=\"0\" inconclusive=\"0\" passedButRunAborted=\"0\" notRunnable=\"0\" notExecuted=\"0\" disconnected=\"0\" warning=\"0\" completed=\"0\" inProgress=\"0\" pending=\"0\" />\n" +
        "  </ResultSummary>\n</TestRun>\n";

    private static string Summarize(params string[] files)
    {
        var start = new ProcessStartInfo("awk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", Repository.File("scripts", "test-summary.awk"), "/dev/null" }.Concat(files))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output;
    }

    [Fact]
    public void Skipped_tests_are_listed_with_their_reasons_and_one_total_line_closes()
    {
        string first = Dir.Sub("a.trx"), second = Dir.Sub("b.trx");
        File.WriteAllText(first, Report("total=\"4\" executed=\"3\" passed=\"3\" failed=\"0\"",
            ("Zfpe.Flow.Tests.A.Runs", "Passed", null),
            ("Zfpe.Flow.Tests.A.Needs_nextpnr", "NotExecuted", "needs nextpnr-ecp5 (&apos;nextpnr-ecp5&apos; not on PATH &amp; ZFPE_NEXTPNR_ECP5 unset); install it"),
            ("Zfpe.Flow.Tests.A.Fine", "Passed", null)));
        File.WriteAllText(second, Report("total=\"10\" executed=\"8\" passed=\"7\" failed=\"1\"",
            ("Zfpe.Board.Tests.B.Fails", "Failed", "Assert.Equal() Failure"),
            ("Zfpe.Board.Tests.B.Skips", "NotExecuted", "needs ecppack (&lt;missing&gt;)"),
            ("Zfpe.Board.Tests.B.Also", "NotExecuted", "needs yosys")));

        var lines = Summarize(first, second).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "skipped: Zfpe.Flow.Tests.A.Needs_nextpnr: needs nextpnr-ecp5 ('nextpnr-ecp5' not on PATH & ZFPE_NEXTPNR_ECP5 unset); install it",
            "skipped: Zfpe.Board.Tests.B.Skips: needs ecppack (<missing>)",
            "skipped: Zfpe.Board.Tests.B.Also: needs yosys",
            "10 passed, 1 failed, 3 skipped",
        ], lines);
    }

    [Fact]
    public void Without_reports_the_total_line_still_closes()
    {
        Assert.Equal("0 passed, 0 failed, 0 skipped\n", Summarize());
    }

    [Fact]
    public void Make_test_runs_the_script_that_prints_the_summary()
    {
        string root = Repository.Root;
        Assert.Contains("\tscripts/test.sh", File.ReadAllText(Path.Combine(root, "Makefile")));
        string script = File.ReadAllText(Path.Combine(root, "scripts", "test.sh"));
        TextAssert.ContainsAll(script,
            "--logger \"trx;LogFilePrefix=tests\"",
            "awk -f scripts/test-summary.awk");
    }
}
