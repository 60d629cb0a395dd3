using Zfpe.Hdl.Lib.Pipelines;

namespace Zfpe.Hdl.Tests;

/// <summary>
/// A one-bit slice x[i, i] is a UInt like any slice (x[i] is the Bool): it goes through Mux,
/// comparisons and pipelines as a UInt (these threw InvalidCastException or a kind mismatch when
/// the slice was typed as a Bool inside a UInt).
/// </summary>
public class OneBitSliceTests
{
    private sealed class Slices : Component
    {
        public readonly UInt A;
        public readonly Bool Select;
        public readonly UInt Muxed;
        public readonly Bool IsZero;
        public readonly UInt Sum;

        public Slices()
        {
            A = In.UInt(8);
            Select = In.Bool();
            Muxed = Out.UInt(1);
            IsZero = Out.Bool();
            Sum = Out.UInt(2);
            var high = A[7, 7];
            var low = A[0, 0];
            Muxed.Assign(Hw.Mux(Select, high, low));
            IsZero.Assign(A[3, 3] == 0);
            Sum.Assign(high.ZeroExtend(2) + low.ZeroExtend(2));
        }
    }

    [Fact]
    public void One_bit_slices_mux_compare_and_add_as_UInts()
    {
        var top = new Slices();
        using var sim = LintCleanSimulation.Create(top);
        for (ulong a = 0; a < 256; a += 7)
            foreach (var select in new[] { false, true })
            {
                sim.Poke(top.A, a);
                sim.Poke(top.Select, select);
                sim.Eval();
                Assert.Equal(select ? a >> 7 & 1 : a & 1, sim.Peek(top.Muxed));
                Assert.Equal((a >> 3 & 1) == 0, sim.PeekBool(top.IsZero));
                Assert.Equal((a >> 7 & 1) + (a & 1), sim.Peek(top.Sum));
            }
    }

    [Fact]
    public void A_one_bit_slice_is_carried_by_a_pipeline()
    {
        var top = new Carried();
        using var sim = LintCleanSimulation.Create(top);
        sim.Poke(top.Output.Ready, true);
        sim.Poke(top.Input.Valid, true);
        sim.Reset();
        var seen = new List<ulong>();
        for (ulong a = 0; a < 80; a++)
        {
            sim.Poke(top.Input.Payload, a);
            sim.Eval();
            if (sim.PeekBool(top.Output.Valid)) seen.Add(sim.Peek(top.Output.Payload));
            sim.Step();
        }
        // Two stages: the output shows bit 5 of the input two cycles earlier.
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(a => (ulong)a >> 5 & 1), seen);
    }

    private sealed class Carried : Component
    {
        public readonly Stream<UInt> Input;
        public readonly Stream<UInt> Output;

        public Carried()
        {
            Input = In.Stream(8);
            Output = Out.Stream(1);
            var pipeline = new Pipeline("carry");
            var first = pipeline.Begin(Input);
            var flag = first.Let("flag", Input.Payload[5, 5]);
            var second = pipeline.Stage("second");
            pipeline.End(Output, second, s => flag[s]);
        }
    }
}
