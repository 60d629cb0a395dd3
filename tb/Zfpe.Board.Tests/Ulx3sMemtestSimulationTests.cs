using Zfpe.Cores.Board;
using Zfpe.Cores.Designs;
using Zfpe.Flow;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Uart;
using Zfpe.Sim;
using Zfpe.Sim.Sdram;

namespace Zfpe.Board.Tests;

/// <summary>
/// ulx3s-memtest co-simulated on the SDRAM chip model (which checks every datasheet rule at every
/// edge) through the board's own pin side (the I/O-cell registers modelled, the data pads split):
/// the report is decoded from the ftdi_rxd pin as a terminal would show it.
/// </summary>
public class Ulx3sMemtestSimulationTests
{
    private const long Seed = 0x1234_5678;

    private static Ulx3sMemtestConfig Small(long words) => new(BaudRate: 3_000_000, Words: words, Seed: Seed);

    /// <summary>The design, the chip model on its SDRAM pins and a terminal on its serial pin.</summary>
    private sealed class Bench : ICycleAgent, IDisposable
    {
        private readonly SimPort _rxd;
        private readonly UartDeserializer _terminal;

        public Bench(Ulx3sMemtestConfig config, string name)
        {
            Config = config;
            Top = new Ulx3sMemtest(config, splitDataBus: true);
            Simulation = Simulation.Create(Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(Top), clockPort: Top.Clk25Mhz), new SimOptions { Name = name });
            Chip = new SdramModel(config.Memory.Controller.Timing);
            _ = new SdramAgent(Simulation, Chip, SdramPinNames.Ulx3s);
            _rxd = Simulation.Port(Top.FtdiRxd);
            _terminal = new UartDeserializer(config.Uart.Divisor);
            Simulation.Poke(Top.Btn, 1UL);     // btn[0] (active low) released
            Simulation.Attach(this);
        }

        public Ulx3sMemtestConfig Config { get; }
        public Ulx3sMemtest Top { get; }
        public Simulation Simulation { get; }
        public SdramModel Chip { get; }

        public string Text => new([.. _terminal.Bytes.Select(b => (char)b)]);

        public int Led(int index) => (int)(Simulation.Peek(Top.Led) >> index & 1);

        /// <summary>Runs until the terminal shows <paramref name="count"/> whole lines; returns them (CR LF kept).</summary>
        public IReadOnlyList<string> Lines(int count)
        {
            Simulation.RunUntil(() => Text.Split("\r\n").Length > count, 2_000_000, $"{count} report lines on ftdi_rxd");
            return Text.Split("\r\n")[..count].Select(l => l + "\r\n").ToList();
        }

        public void Drive(Simulation simulation) { }

        public void Sample(Simulation simulation)
        {
            _terminal.Push(simulation.Peek(_rxd) != 0);
            if (_terminal.Received.Any(r => r.FramingError)) throw simulation.Failure("the board sent a frame with a 0 stop bit on ftdi_rxd");
        }

        public void Dispose() => Simulation.Dispose();
    }

    [Fact]
    public void Passes_over_a_small_span_report_no_error_and_the_chip_holds_the_documented_pattern()
    {
        const int words = 1024;
        using var bench = new Bench(Small(words), "memtest-clean");
        var sim = bench.Simulation;

        // Pass 0: when every write has been taken, wait for the last ones to reach the chip; the
        // chip then holds the pattern of pass 0's seed, word for word.
        sim.RunUntil(() => bench.Led(5) == 1, 200_000, "pass 0's reads (led 5)");
        sim.Step(100);
        Assert.Equal(MemtestPattern.Words(MemtestPattern.PassSeed((uint)Seed, 0), words), bench.Chip.Dump(0, words));
        Assert.Equal(0, bench.Chip.Statistics.UnwrittenReads);

        var lines = bench.Lines(3);
        for (var pass = 0; pass < 3; pass++)
            Assert.Equal(MemtestReport.Line((ulong)pass, words, 0, null), lines[pass]);
        Assert.Equal("pass 0000 words 0000400 errors 0000000 first-bad -------\r\n", lines[0]);
        Assert.Equal(1, bench.Led(2));   // the last pass was clean
        Assert.Equal(0, bench.Led(3));   // no pass failed
        Assert.Equal(1, bench.Led(6));   // PLL locked (the model)
        Assert.Equal(0, bench.Led(7));   // out of reset, SDRAM initialised
        // Passes differ: pass 2's words are not pass 0's (a stale chip would not pass).
        Assert.NotEqual(MemtestPattern.Words(MemtestPattern.PassSeed((uint)Seed, 0), 64), MemtestPattern.Words(MemtestPattern.PassSeed((uint)Seed, 2), 64));
    }

    [Fact]
    public void Words_corrupted_in_the_chip_are_counted_and_the_first_address_is_reported()
    {
        const int words = 2048;
        using var bench = new Bench(Small(words), "memtest-fault");
        var sim = bench.Simulation;
        sim.RunUntil(() => bench.Led(5) == 1, 200_000, "pass 0's reads (led 5)");
        // Two words written long before the reads start, flipped behind the design's back.
        foreach (var (address, flip) in new[] { (0x2aaL, (ushort)0x0100), (0x555L, (ushort)0x8001) })
        {
            var word = bench.Chip.Dump(address, 1)[0];
            bench.Chip.Load(address, [(ushort)(word ^ flip)]);
        }

        var lines = bench.Lines(2);
        Assert.Equal("pass 0000 words 0000800 errors 0000002 first-bad 00002aa\r\n", lines[0]);
        Assert.Equal(MemtestReport.Line(0, words, 2, 0x2aa), lines[0]);
        // Pass 1 writes everything again: clean, but the failure stays on led 3.
        Assert.Equal(MemtestReport.Line(1, words, 0, null), lines[1]);
        Assert.Equal(1, bench.Led(3));
        Assert.Equal(1, bench.Led(2));
    }

    [Fact]
    public void The_board_top_with_bidirectional_data_pads_is_refused_by_the_simulation_bridge_with_the_pad_named()
    {
        var design = Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(new Ulx3sMemtest(Small(1024))), clockPort: "clk_25mhz");
        var e = Assert.Throws<ArgumentException>(() => Simulation.Create(design));
        Assert.Contains("inout port 'sdram_d'", e.Message);
    }

    [Fact]
    public void Every_top_port_of_the_memtest_has_a_pin_in_the_ULX3S_constraints()
    {
        var design = DesignCatalog.Get("ulx3s-memtest").Emit(new Dictionary<string, string>());
        Assert.Equal(["clk_25mhz", "btn", "led", "ftdi_rxd", "wifi_gpio0", "sdram_clk", "sdram_cke", "sdram_csn", "sdram_wen", "sdram_rasn", "sdram_casn", "sdram_a", "sdram_ba", "sdram_dqm", "sdram_d"],
            design.TopPorts.Select(p => p.Name));
        Assert.Equal(PortDirection.InOut, design.TopPorts.Single(p => p.Name == "sdram_d").Direction);
        Assert.Empty(BoardConstraints.Ulx3s().MissingPorts(design));
        // Every SDRAM output, the data bus's drivers, tristates and input registers sit in I/O cells.
        var pins = design.Files.Single(f => f.FileName == "ecp5_sdram_pins.v").Text;
        Assert.Equal(5 + 13 + 2 + 2 + 2 * 16, System.Text.RegularExpressions.Regex.Matches(pins, @"\n    OFS1P3[BD]X #\(").Count);
        Assert.Equal(16, System.Text.RegularExpressions.Regex.Matches(pins, @"\n    IFS1P3DX #\(").Count);
        Assert.Equal(16, System.Text.RegularExpressions.Regex.Matches(pins, @"\n    BB dq_pad\d+ \(").Count);
        Assert.Contains(".B(sdram_d[15])", pins);
    }

    [Theory]
    [InlineData("words=100", "words = 100 is not a multiple of 64")]
    [InlineData("words=67108864", "words")]
    [InlineData("clock-mhz=200", "clock-mhz")]
    [InlineData("part=as4c32m16sb-7,words=33554432", null)]
    public void Memtest_parameters_are_checked_with_the_parameter_named(string settings, string? error)
    {
        var design = DesignCatalog.Get("ulx3s-memtest");
        var values = DesignCatalog.ParseSettings(settings.Split(','));
        if (error is null)
        {
            Assert.NotNull(design.Emit(values));
            return;
        }
        var e = Assert.ThrowsAny<ArgumentException>(() => design.Emit(values));
        Assert.Contains(error, e.Message);
    }
}
