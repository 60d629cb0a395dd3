using System.Numerics;

namespace Zfpe.Hdl.Tests;

/// <summary>Bundles and typed streams: ports, registers, multiplexers, bits, naming, simulation by member.</summary>
public class BundleTests
{
    /// <summary>A memory request: the example bundle of these tests.</summary>
    public sealed class Request : Bundle
    {
        public UInt Address { get; }
        public Bool Write { get; }
        public SInt Offset { get; }

        private Request(Fields f, int addressBits) : base(f)
        {
            Address = f.UInt(addressBits);
            Write = f.Bool();
            Offset = f.SInt(4);
        }

        public static Shape<Request> Shape(int addressBits = 10) => Zfpe.Hdl.Shape.Of(f => new Request(f, addressBits));
    }

    /// <summary>A bundle with a bundle inside and an array of fields.</summary>
    public sealed class Tagged : Bundle
    {
        public UInt Tag { get; }
        public Request Body { get; }
        public IReadOnlyList<UInt> Bytes { get; }

        private Tagged(Fields f) : base(f)
        {
            Tag = f.UInt(3);
            Body = f.Of(Request.Shape(6));
            Bytes = f.Array(Zfpe.Hdl.Shape.UInt(8), 2);
        }

        public static Shape<Tagged> Shape { get; } = Zfpe.Hdl.Shape.Of(f => new Tagged(f));
    }

    private sealed class Selector : Component
    {
        public readonly Request A;
        public readonly Request B;
        public readonly Bool PickA;
        public readonly Request Chosen;
        public readonly UInt ChosenBits;
        public readonly UInt Word;
        public readonly Request FromWord;

        public Selector()
        {
            var shape = Request.Shape();
            A = In.Of(shape);
            B = In.Of(shape);
            PickA = In.Bool();
            Chosen = Out.Of(shape);
            ChosenBits = Out.UInt(shape.Width);
            Word = In.UInt(shape.Width);
            FromWord = Out.Of(shape);

            var held = Reg.Next(Hw.Mux(PickA, A, B), reset: null, name: "held");
            Chosen.Assign(held);
            ChosenBits.Assign(held.AsBits());
            FromWord.Assign(shape.FromBits(Word));
        }
    }

    [Fact]
    public void Bundle_ports_flatten_to_member_field_names_in_declaration_order()
    {
        var text = VerilogEmitter.Emit(new Selector()).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "input wire [9:0] a_address,",
            "input wire a_write,",
            "input wire signed [3:0] a_offset,",
            "output wire [9:0] chosen_address,",
            "reg [9:0] held_address;",
            "reg signed [3:0] held_offset;");
    }

    [Fact]
    public void Whole_bundles_are_multiplexed_registered_and_turned_into_bits_and_back()
    {
        var top = new Selector();
        using var sim = LintCleanSimulation.Create(top);
        var rng = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var (a, b) = (RandomRequest(rng), RandomRequest(rng));
            var pickA = rng.Next(2) == 0;
            Poke(sim, top.A, a);
            Poke(sim, top.B, b);
            sim.Poke(top.PickA, pickA);
            var word = (ulong)rng.NextInt64(1L << 15);
            sim.Poke(top.Word, word);
            sim.Step();
            var expected = pickA ? a : b;
            Assert.Equal(expected.Address, sim.Peek(top.Chosen.Address));
            Assert.Equal(expected.Write, sim.PeekBool(top.Chosen.Write));
            Assert.Equal(expected.Offset, sim.PeekSigned(top.Chosen.Offset));
            // First field in the least significant bits: address, then write, then offset.
            var bits = expected.Address | (expected.Write ? 1UL << 10 : 0) | ((ulong)expected.Offset & 15) << 11;
            Assert.Equal(bits, sim.Peek(top.ChosenBits));
            Assert.Equal(bits, sim.Peek(top.Chosen)); // the whole bundle as one port
            Assert.Equal(word & 1023, sim.Peek(top.FromWord.Address));
            Assert.Equal((word >> 10 & 1) == 1, sim.PeekBool(top.FromWord.Write));
            Assert.Equal((long)(word >> 11 & 15) << 60 >> 60, sim.PeekSigned(top.FromWord.Offset));
        }
    }

    private readonly record struct RequestValue(ulong Address, bool Write, long Offset);

    private static RequestValue RandomRequest(Random rng) => new((ulong)rng.Next(1024), rng.Next(2) == 0, rng.Next(-8, 8));

    private static void Poke(Simulation sim, Request port, RequestValue v)
    {
        sim.Poke(port.Address, v.Address);
        sim.Poke(port.Write, v.Write);
        sim.Poke(port.Offset, v.Offset);
    }

    private sealed class TaggedPipe : Component
    {
        public readonly Stream<Tagged> Input;
        public readonly Stream<Tagged> Output;

        public TaggedPipe()
        {
            Input = In.Stream(Tagged.Shape, withLast: true);
            Output = Out.Stream(Tagged.Shape, withLast: true);
            Output.ConnectFrom(Input.Stage("first").SkidStage("second"));
        }
    }

    [Fact]
    public void A_stream_of_nested_bundles_names_every_field_and_keeps_every_beat_under_random_stalls()
    {
        var pipe = new TaggedPipe();
        var design = VerilogEmitter.Emit(pipe);
        var text = design.Files.Single().Text;
        foreach (var port in new[] { "input_valid", "input_ready", "input_last", "input_tag", "input_body_address", "input_body_write", "input_body_offset", "input_bytes_0", "input_bytes_1", "output_bytes_1" })
            Assert.Contains($" {port}", text);
        Assert.Equal(3 + 6 + 1 + 4 + 16, pipe.Input.Width);
        Assert.Equal("", VerilogTools.Lint(design));

        using var sim = Simulation.Create(design);
        var driver = new StreamDriver<BigInteger>(sim.Stream(pipe.Input), 3) { IdleSchedule = Schedules.Stepping(500) };
        _ = new StreamReadyRandomizer(sim.Stream(pipe.Output), 4) { Schedule = Schedules.SteppingReady(700, 1) };
        var scoreboard = new ScoreboardInOrder<BigInteger>(new StreamMonitor<BigInteger>(sim.Stream(pipe.Output), collect: false));
        sim.Reset();
        var rng = new Random(3);
        for (var p = 0; p < 3000; p++)
        {
            var packet = Enumerable.Range(0, rng.Next(1, 5)).Select(_ => new BigInteger(rng.NextInt64(1L << 30))).ToList();
            driver.EnqueuePacket(packet);
            scoreboard.ExpectPacket(packet);
        }
        sim.RunUntil(() => scoreboard.IsDone, 200_000, "every packet through the stages");
        scoreboard.AssertDone();
    }

    private sealed class MismatchedAssign : Component
    {
        public MismatchedAssign()
        {
            var a = Wire.Of(Request.Shape(10));
            var b = Wire.Of(Request.Shape(12));
            a.Assign(b); // @bundle-mismatch
        }
    }

    private sealed class WrongBitsWidth : Component
    {
        public WrongBitsWidth()
        {
            var word = In.UInt(16);
            Out.Of(Request.Shape()).Assign(Request.Shape().FromBits(word)); // @bits-width
        }
    }

    [Fact]
    public void Bundles_of_different_widths_are_rejected_at_the_line_that_connects_them()
    {
        var e = Assert.Throws<HdlException>(() => VerilogEmitter.Emit(new MismatchedAssign()));
        Assert.StartsWith(Marker.At("bundle-mismatch"), e.Message);
        Assert.Contains("Request of 17 bits to one of 15 bits", e.Message);
        var w = Assert.Throws<HdlException>(() => VerilogEmitter.Emit(new WrongBitsWidth()));
        Assert.StartsWith(Marker.At("bits-width"), w.Message);
        Assert.Contains("Request is 15 bits, the word is 16", w.Message);
    }

    [Fact]
    public void A_shape_reports_a_bundle_that_declares_no_fields()
    {
        var e = Assert.ThrowsAny<HdlException>(() => Zfpe.Hdl.Shape.Of(f => new Empty(f)));
        Assert.Contains("Empty has no fields", e.Message);
    }

    public sealed class Empty(Fields f) : Bundle(f);

    [Fact]
    public void Simulation_refuses_a_member_that_is_not_a_top_port()
    {
        var top = new Selector();
        using var sim = Simulation.Create(VerilogEmitter.Emit(top));
        var other = new Selector();
        _ = VerilogEmitter.Emit(other);
        var e = Assert.Throws<ArgumentException>(() => sim.Port(Hw.True));
        Assert.Contains("not a port", e.Message);
        var o = Assert.Throws<ArgumentException>(() => sim.Port(other.A.Address));
        Assert.Contains("belongs to another instance", o.Message);
        Assert.Equal("a_address", sim.Port(top.A.Address).Name);
        Assert.Equal(15, sim.Port(top.A).Width);
    }
}
