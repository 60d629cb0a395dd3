using System.Numerics;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Lib.Tests;

/// <summary>
/// The sysDSP multiplier: exact products through its simulation model for every register
/// configuration, stalls included, and one MULT18X18D with nothing around it after Yosys.
/// </summary>
public class Ecp5MultiplierTests
{
    private static EmittedDesign Emit(Ecp5Multiplier m) => Ecp5SimulationModels.ForSimulation(VerilogEmitter.Emit(m));

    [Theory]
    [InlineData(18, 18, false, 0)]
    [InlineData(18, 18, false, 1)]
    [InlineData(18, 18, true, 2)]
    [InlineData(18, 18, true, 3)]
    [InlineData(11, 7, true, 3)]
    [InlineData(9, 16, false, 2)]
    public void Products_are_exact_after_the_latency_and_a_low_enable_stalls_every_register(int aWidth, int bWidth, bool signed, int stages)
    {
        var top = new Ecp5Multiplier(new Ecp5MultiplierConfig(aWidth, bWidth, signed, stages));
        Assert.Equal(stages, top.Latency);
        var design = Emit(top);
        Assert.Equal("", VerilogTools.Lint(design));
        using var sim = Simulation.Create(design);
        var rng = new Random(aWidth * 100 + bWidth * 10 + stages);
        BigInteger Value(ulong bits, int width) => signed && (bits >> (width - 1) & 1) == 1 ? (BigInteger)bits - (BigInteger.One << width) : bits;
        ulong Random(int width) => rng.Next(8) switch
        {
            0 => 0,
            1 => (1UL << width) - 1,              // all ones: -1 when signed
            2 => 1UL << (width - 1),              // the most negative value when signed
            _ => (ulong)rng.NextInt64(1L << width),
        };

        // Inputs applied while Enable is high travel one register per cycle; cycles with Enable
        // low change nothing, so the k-th enabled input comes out `stages` enabled cycles later.
        var expected = new List<BigInteger>();
        var enabledOutputs = new List<BigInteger>();
        var mask = (BigInteger.One << (aWidth + bWidth)) - 1;
        for (var cycle = 0; cycle < 20_000; cycle++)
        {
            ulong a = Random(aWidth), b = Random(bWidth);
            var enable = stages == 0 || rng.Next(4) != 0;
            sim.Poke(top.A, a);
            sim.Poke(top.B, b);
            sim.Poke(top.Enable, enable);
            sim.Eval();
            if (stages == 0)
            {
                Assert.Equal((Value(a, aWidth) * Value(b, bWidth)) & mask, (BigInteger)sim.Peek(top.P));
            }
            else if (enable)
            {
                expected.Add((Value(a, aWidth) * Value(b, bWidth)) & mask);
                // The output now shows the product of the input enabled `stages` enabled cycles ago.
                enabledOutputs.Add(sim.Peek(top.P));
            }
            sim.Step();
        }
        if (stages == 0) return;
        for (var k = stages; k < enabledOutputs.Count; k++)
            Assert.True(expected[k - stages] == enabledOutputs[k], $"enabled cycle {k}: expected {expected[k - stages]:X}, got {enabledOutputs[k]:X}");
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void Yosys_keeps_one_MULT18X18D_with_its_registers_inside_and_no_fabric_logic(bool signed, int stages)
    {
        var (ok, stat) = VerilogTools.SynthEcp5(VerilogEmitter.Emit(new Ecp5Multiplier(new Ecp5MultiplierConfig(Signed: signed, Stages: stages))));
        Assert.True(ok, stat);
        Assert.Matches(@"MULT18X18D\s+1\b", stat);
        Assert.DoesNotMatch(@"TRELLIS_FF\s+\d", stat);
        Assert.DoesNotMatch(@"LUT4\s+\d", stat);
    }

    [Fact]
    public void The_instance_puts_the_registers_in_the_DSP_and_its_clock_on_CLK0()
    {
        var text = VerilogEmitter.Emit(new Ecp5Multiplier(new Ecp5MultiplierConfig(Stages: 3))).Files.Single().Text;
        TextAssert.ContainsAll(text,
            ".REG_INPUTA_CLK(\"CLK0\")",
            ".REG_PIPELINE_CLK(\"CLK0\")",
            ".REG_OUTPUT_CLK(\"CLK0\")",
            ".CLK0(clk)");
        var one = VerilogEmitter.Emit(new Ecp5Multiplier(new Ecp5MultiplierConfig(Stages: 1))).Files.Single().Text;
        TextAssert.ContainsAll(one,
            ".REG_INPUTA_CLK(\"NONE\")",
            ".REG_OUTPUT_CLK(\"CLK0\")");
    }

    [Theory]
    [InlineData(19, 8, false, 2, "a-width")]
    [InlineData(8, 0, false, 2, "b-width")]
    [InlineData(8, 8, false, 4, "stages")]
    public void A_bad_parameter_is_named_with_its_range(int a, int b, bool signed, int stages, string parameter)
    {
        var e = Assert.Throws<ParameterValueException>(() => new Ecp5Multiplier(new Ecp5MultiplierConfig(a, b, signed, stages)));
        Assert.StartsWith($"parameter '{parameter}' = ", e.Message);
    }
}
