using Spectre.Console.Testing;
using Zfpe.Cli.Presentation;
using Zfpe.Flow.Sweep;

namespace Zfpe.Cli.Tests;

public class SweepProgressDisplayTests
{
    private static SweepProgress Progress(int done, string message, TimeSpan? remaining = null) =>
        new(8, done, 2, 1, 0, TimeSpan.FromSeconds(42), remaining, message);

    [Fact]
    public void The_status_shows_done_running_cached_failed_elapsed_and_eta()
    {
        var line = SweepProgressDisplay.StatusText(Progress(4, "x", TimeSpan.FromSeconds(70)), TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(70));

        Assert.Equal("4/8 points, 2 running, 1 cached, 0 failed, 0:42 elapsed, ETA 1:10", line);
        Assert.EndsWith("ETA unknown", SweepProgressDisplay.StatusText(Progress(0, "x"), TimeSpan.Zero, null));
        Assert.Equal("1:02:03", SweepProgressDisplay.Clock(new TimeSpan(1, 2, 3)));
    }

    [Fact]
    public void Without_a_terminal_each_event_is_one_plain_line()
    {
        var writer = new StringWriter();
        using (var display = new SweepProgressDisplay(writer))
        {
            display.Update(Progress(0, "started width=8"));
            display.Update(Progress(1, "done width=8: synth ran 1.7 s", TimeSpan.FromSeconds(12)));
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("[sweep 1/8] done width=8: synth ran 1.7 s (2 running, 1 cached, 0 failed, 0:42 elapsed, ETA 0:12)", lines[1]);
        Assert.DoesNotContain('\r', writer.ToString());
        Assert.DoesNotContain('\u001b', writer.ToString());
    }

    [Fact]
    public void On_a_terminal_finished_points_scroll_above_the_live_status()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;
        using (var display = new SweepProgressDisplay(console))
        {
            display.Update(Progress(0, "started width=8"));
            display.Update(Progress(1, "done width=8: synth ran 1.7 s"));
            Thread.Sleep(300); // the display refreshes on its own clock
        }

        var text = console.Output;
        TextAssert.ContainsAll(text,
            "done width=8: synth ran 1.7 s",
            "1/8 points, 2 running, 1 cached, 0 failed");
        Assert.DoesNotContain("started width=8", text); // starts only change the counters
    }
}
