using Zfpe.Reference.Evaluation;
using Spectre.Console.Testing;
using Zfpe.Cli.Presentation;
using Zfpe.Reference.Metrics;

namespace Zfpe.Cli.Tests;

public class EvaluateTableTests
{
    private static readonly EvaluateResult[] Results =
    [
        new("zfpe-b5", "1-D 4 in 4-value blocks", new ErrorMetrics(4, 8, 0.125, 0.5, 3, 27.6, 4, 0.01, 0.2), 1.25),
        new("int8-sym-tensor", "one group: the whole tensor", new ErrorMetrics(4, 8.04, 0, 0, 0, double.PositiveInfinity, 0, double.NaN, double.NaN), 0.5),
    ];

    [Fact]
    public void The_text_table_aligns_columns_and_spells_special_values()
    {
        var lines = EvaluateTable.Text(Results).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        // Every column but the last (the layout, left-aligned text) ends where the header's does.
        int layout = lines[0].IndexOf("layout", StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(' ', l[layout - 1]));
        Assert.EndsWith("  1-D 4 in 4-value blocks", lines[1]);
        Assert.EndsWith("  one group: the whole tensor", lines[2]);
        Assert.StartsWith("method ", lines[0]);
        TextAssert.ContainsAll(lines[1],
            "1.250e-01",
            " 27.60 ");
        TextAssert.ContainsAll(lines[2],
            " inf ",
            " nan ");
    }

    [Fact]
    public void On_a_terminal_the_table_has_the_same_cells()
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        console.Write(EvaluateTable.Table(Results));
        var text = console.Output;
        foreach (var cell in new[] { "method", "layout", "zfpe-b5", "1.250e-01", "27.60", "inf", "nan", "one group: the whole tensor" })
            Assert.Contains(cell, text);
    }

    [Fact]
    public void The_csv_keeps_full_precision()
    {
        var lines = EvaluateTable.Csv(Results).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("method,bits_per_value,rmse,max_abs_error,psnr_db,rel_error_mean,rel_error_max,time_ms,layout", lines[0]);
        Assert.Equal("zfpe-b5,8,0.125,0.5,27.6,0.01,0.2,1.25,1-D 4 in 4-value blocks", lines[1]);
        Assert.Equal("int8-sym-tensor,8.04,0,0,inf,nan,nan,0.5,one group: the whole tensor", lines[2]);
        Assert.EndsWith(",\"a, \"\"quoted\"\" layout\"", EvaluateTable.Csv([Results[0] with { Layout = "a, \"quoted\" layout" }]).TrimEnd());
    }
}
