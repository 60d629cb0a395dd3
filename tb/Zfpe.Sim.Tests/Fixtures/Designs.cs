using Zfpe.Hdl.Emit;

namespace Zfpe.Sim.Tests.Fixtures;

/// <summary>EmittedDesign values built from the hand-written modules in this folder.</summary>
internal static class Designs
{
    public static EmittedDesign Counter() => FromFixture("counter",
        Clock(), Reset(), In("enable", 1), In("addend", 8), In("trap", 1), In("done", 1), Out("count", 8), Out("sum", 9));

    public static EmittedDesign WidthZoo() => FromFixture("width_zoo",
        Clock(), Reset(),
        In("in_1", 1), In("in_7", 7), In("in_9", 9), In("in_17", 17), In("in_33", 33), In("in_64", 64), In("in_65", 65),
        In("in_100", 100), In("in_128", 128), In("s_in", 12, signed: true), In("ws_in", 70, signed: true),
        Out("out_1", 1), Out("out_7", 7), Out("out_9", 9), Out("out_17", 17), Out("out_33", 33), Out("out_64", 64), Out("out_65", 65),
        Out("out_100", 100), Out("out_128", 128), Out("inv_100", 100), Out("inv_33", 33), Out("sum_101", 101),
        Out("s_twice", 13, signed: true), Out("ws_neg", 70, signed: true));

    public static EmittedDesign StreamFifo() => FromFixture("stream_fifo",
        Clock(), Reset(),
        In("push_valid", 1), Out("push_ready", 1), In("push_payload", 70), In("push_last", 1),
        Out("pop_valid", 1), In("pop_ready", 1), Out("pop_payload", 70), Out("pop_last", 1), Out("occupancy", 4));

    public static EmittedDesign BlockPipeline() => FromFixture("block_pipeline",
        Clock(), Reset(), In("in_valid", 1), Out("in_ready", 1), In("in_payload", 32), Out("out_valid", 1), In("out_ready", 1), Out("out_payload", 32));

    public static EmittedDesign SdramPinsLoop() => FromFixture("sdram_pins_loop",
        Clock(), In("ctl_cs_n", 1), In("ctl_ras_n", 1), In("ctl_cas_n", 1), In("ctl_we_n", 1), In("ctl_ba", 2), In("ctl_a", 13),
        In("ctl_dqm", 2), In("ctl_dq", 16), In("ctl_dq_oe", 1),
        Out("sdram_cke", 1), Out("sdram_cs_n", 1), Out("sdram_ras_n", 1), Out("sdram_cas_n", 1), Out("sdram_we_n", 1),
        Out("sdram_ba", 2), Out("sdram_a", 13), Out("sdram_dqm", 2), Out("sdram_dq_out", 16), Out("sdram_dq_oe", 1),
        In("sdram_dq_in", 16), In("sdram_dq_in_valid", 1), Out("captured", 16), Out("captured_valid", 1));

    /// <summary>The counter with a comment that makes its text (and so its cache key) unique.</summary>
    public static EmittedDesign CounterVariant(string tag)
    {
        var counter = Counter();
        var file = counter.Files[0];
        return counter with { Files = [file with { Text = $"// variant {tag}\n" + file.Text }] };
    }

    public static EmittedDesign FromText(string top, string text, params PortInfo[] ports) =>
        new(top, [new VerilogFile(top, top + ".v", text)], ports);

    public static EmittedDesign FromFixture(string top, params PortInfo[] ports) => FromText(top, Text(top + ".v"), ports);

    public static string Text(string fileName)
    {
        using var stream = typeof(Designs).Assembly.GetManifestResourceStream("Fixtures." + fileName)
            ?? throw new InvalidOperationException($"fixture {fileName} is not embedded; check the EmbeddedResource item of Zfpe.Sim.Tests.csproj");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PortInfo Clock() => new("clk", 1, PortDirection.Input, false, PortRole.Clock);
    public static PortInfo Reset() => new("reset", 1, PortDirection.Input, false, PortRole.Reset);
    public static PortInfo In(string name, int width, bool signed = false) => new(name, width, PortDirection.Input, signed);
    public static PortInfo Out(string name, int width, bool signed = false) => new(name, width, PortDirection.Output, signed);
}
