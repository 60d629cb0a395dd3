using Zfpe.Cli.Commands;

namespace Zfpe.Cli.Tests;

public class ProgressBarTests
{
    [Fact]
    public void The_bar_fills_in_proportion_and_shows_the_percentage()
    {
        Assert.Equal("[..............................]   0% zfpe-b5", ProgressBar.Render(0, "zfpe-b5"));
        Assert.Equal("[###############...............]  50% zfp-r8", ProgressBar.Render(0.5, "zfp-r8"));
        Assert.Equal("[##############################] 100% done", ProgressBar.Render(1, "done"));
        Assert.Equal(ProgressBar.Render(1, "x"), ProgressBar.Render(1.5, "x"));
    }

    [Fact]
    public void The_bar_redraws_only_on_change_and_erases_itself()
    {
        var writer = new StringWriter();
        using (var bar = ProgressBar.Start(writer, 1000))
        {
            bar.Advance(1, "a");
            bar.Advance(1, "a");
            bar.Advance(500, "a");
        }
        string output = writer.ToString();
        Assert.Equal(2, output.Count(c => c == '%'));
        Assert.EndsWith("\r", output);
    }

    [Fact]
    public void A_shorter_label_overwrites_the_tail_of_a_longer_one()
    {
        var writer = new StringWriter();
        var bar = ProgressBar.Start(writer, 100);
        bar.Advance(10, "zfpe-b5");
        bar.Advance(10, "zfp-r8");
        string last = writer.ToString().Split('\r')[^1];
        Assert.Equal(ProgressBar.Render(0.2, "zfpe-b5").Length, last.Length);
        Assert.EndsWith("zfp-r8 ", last);
    }

    [Fact]
    public void Small_inputs_and_redirected_stderr_get_no_bar()
    {
        Assert.Null(ProgressBar.StartIfUseful(ProgressBar.Threshold - 1, 10));
        // Under the test runner stderr is redirected, so even a large input gets none.
        Assert.Null(ProgressBar.StartIfUseful(ProgressBar.Threshold * 10, 10));
    }
}
