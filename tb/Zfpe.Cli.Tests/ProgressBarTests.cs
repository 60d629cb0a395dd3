using Spectre.Console.Testing;
using Zfpe.Cli.Presentation;

namespace Zfpe.Cli.Tests;

public class ProgressBarTests
{
    [Fact]
    public void The_bar_counts_the_units_and_shows_the_label_and_percentage()
    {
        var console = new TestConsole().Interactive();
        using (var bar = ProgressBar.Start(console, 1000))
        {
            bar.Advance(1, "zfpe-b5");
            bar.Advance(499, "zfp-r8");
            Assert.Equal(500, bar.Value);
            Thread.Sleep(300); // the display refreshes on its own clock
        }
        TextAssert.ContainsAll(console.Output,
            "zfp-r8",
            "50%");
    }

    [Fact]
    public void Labels_are_shown_as_text_not_markup()
    {
        var console = new TestConsole().Interactive();
        using (var bar = ProgressBar.Start(console, 10))
        {
            bar.Advance(10, "[b]");
            Thread.Sleep(300);
        }
        Assert.Contains("[b]", console.Output);
    }

    [Fact]
    public void Small_inputs_and_redirected_stderr_get_no_bar()
    {
        Assert.Null(ProgressBar.StartIfUseful(ProgressBar.Threshold - 1, 10));
        // Under the test runner stderr is redirected, so even a large input gets none.
        Assert.Null(ProgressBar.StartIfUseful(ProgressBar.Threshold * 10, 10));
        Assert.Null(ProgressBar.StartOnTerminal(10));
    }
}
