using Zfpe.Hdl.Elaboration;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Tests;

/// <summary>
/// Every elaboration check, each on a small wrong design: the error must say what is wrong and
/// point at the C# line to fix (marked `// @name` below).
/// </summary>
public class BadDesignTests
{
    private static HdlException Fails(Func<Component> build)
    {
        var e = Assert.Throws<HdlException>(() => Elaborator.Elaborate(build()));
        return e;
    }

    private static void AssertError(HdlException e, string marker, params string[] fragments)
    {
        Assert.Equal(marker, e.Location.ToString());
        Assert.StartsWith(marker + ": ", e.Message);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    private sealed class WidthMismatch : Component
    {
        public WidthMismatch()
        {
            var a = In.UInt(8, "a");
            var y = Out.UInt(8, "y");
            y.Assign(a.ZeroExtend(9)); // @width
        }
    }

    [Fact]
    public void Assigning_a_wider_value_is_a_width_mismatch_at_the_assignment() =>
        AssertError(Fails(() => new WidthMismatch()), Marker.At("width"), "width mismatch", "9-bit UInt", "'y'", "8-bit UInt", "Truncate");

    private sealed class KindMismatch : Component
    {
        public KindMismatch()
        {
            var a = In.SInt(8, "a");
            var y = Out.UInt(8, "y");
            y.Assign(a); // @kind
        }
    }

    [Fact]
    public void Assigning_an_SInt_to_a_UInt_asks_for_an_explicit_conversion() =>
        AssertError(Fails(() => new KindMismatch()), Marker.At("kind"), "width mismatch", "8-bit SInt", "AsUInt()");

    private sealed class BitwiseMismatch : Component
    {
        public BitwiseMismatch()
        {
            var a = In.UInt(8, "a");
            var b = In.UInt(4, "b");
            var y = Out.UInt(8, "y");
            y.Assign(a & b); // @bitwise
        }
    }

    [Fact]
    public void Bitwise_operands_of_different_widths_are_rejected_where_the_operator_is_written()
    {
        var e = Assert.Throws<HdlException>(() => new BitwiseMismatch());
        AssertError(e, Marker.At("bitwise"), "operator &", "8-bit UInt", "4-bit UInt", "equal widths");
    }

    private sealed class UndrivenOutput : Component
    {
        public UndrivenOutput()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y"); // @undriven-output
            var z = Out.Bool("z");
            z.Assign(a);
        }
    }

    [Fact]
    public void An_output_nobody_assigns_is_undriven() =>
        AssertError(Fails(() => new UndrivenOutput()), Marker.At("undriven-output"), "undriven output 'y'");

    private sealed class UndrivenWire : Component
    {
        public UndrivenWire()
        {
            var w = Wire.UInt(4, "w"); // @undriven-wire
            var y = Out.UInt(4, "y");
            y.Assign(w);
        }
    }

    [Fact]
    public void A_wire_that_is_read_but_never_assigned_is_undriven() =>
        AssertError(Fails(() => new UndrivenWire()), Marker.At("undriven-wire"), "undriven wire 'w'");

    private sealed class TwoDrivers : Component
    {
        public TwoDrivers()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y");
            y.Assign(a);
            y.Assign(!a); // @two-drivers
        }
    }

    [Fact]
    public void Two_unconditional_assignments_in_one_block_are_two_drivers() =>
        AssertError(Fails(() => new TwoDrivers()), Marker.At("two-drivers"), "more than one driver", "'y'", "the first assignment never takes effect");

    private sealed class DrivesOwnInput : Component
    {
        public DrivesOwnInput()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y");
            a.Assign(true); // @own-input
            y.Assign(a);
        }
    }

    [Fact]
    public void Driving_an_own_input_port_is_a_second_driver() =>
        AssertError(Fails(() => new DrivesOwnInput()), Marker.At("own-input"), "more than one driver", "input port 'a'");

    private sealed class Inverter : Component
    {
        public readonly Bool A;
        public readonly Bool Y;

        public Inverter()
        {
            A = In.Bool();
            Y = Out.Bool();
            Y.Assign(!A);
        }
    }

    private sealed class DrivesChildOutput : Component
    {
        public DrivesChildOutput()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y");
            var inv = Instance(new Inverter(), "inv");
            inv.A.Assign(a);
            inv.Y.Assign(a); // @child-output
            y.Assign(inv.Y);
        }
    }

    [Fact]
    public void Assigning_an_output_of_an_instance_is_a_second_driver() =>
        AssertError(Fails(() => new DrivesChildOutput()), Marker.At("child-output"), "more than one driver", "output 'y' of instance 'inv'");

    private sealed class Loop : Component
    {
        public Loop()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y");
            var p = Wire.Bool("p");
            var q = Wire.Bool("q");
            p.Assign(q & a);
            q.Assign(!p); // @loop
            y.Assign(q);
        }
    }

    [Fact]
    public void A_combinational_loop_is_reported_with_its_path()
    {
        var e = Fails(() => new Loop());
        Assert.Contains("combinational loop", e.Message);
        Assert.Matches(@"(p -> q -> p|q -> p -> q)", e.Message.Replace("'", ""));
        Assert.Contains(Marker.At("loop"), e.Message);
    }

    private sealed class LoopThroughInstance : Component
    {
        public LoopThroughInstance()
        {
            var y = Out.Bool("y");
            var inv = Instance(new Inverter(), "inv"); // @loop-instance
            inv.A.Assign(inv.Y);
            y.Assign(inv.Y);
        }
    }

    [Fact]
    public void A_loop_through_an_instance_names_the_instance_ports()
    {
        var e = Fails(() => new LoopThroughInstance());
        TextAssert.ContainsAll(e.Message,
            "combinational loop",
            "inv.a",
            "inv.y");
        Assert.Contains(Marker.At("loop-instance"), e.Message);
    }

    private sealed class RegisterWithoutNext : Component
    {
        public RegisterWithoutNext()
        {
            var y = Out.UInt(4, "y");
            var r = Reg.UInt(4, reset: 3, name: "r"); // @no-next
            y.Assign(r);
        }
    }

    [Fact]
    public void A_register_never_assigned_has_no_next_value() =>
        AssertError(Fails(() => new RegisterWithoutNext()), Marker.At("no-next"), "register 'r'", "never assigned a next value");

    private sealed class WhenLatch : Component
    {
        public WhenLatch()
        {
            var c = In.Bool("c");
            var y = Out.UInt(4, "y");
            When(c, () => y.Assign(5UL)); // @latch-when
        }
    }

    [Fact]
    public void A_wire_assigned_only_inside_a_When_is_a_latch() =>
        AssertError(Fails(() => new WhenLatch()), Marker.At("latch-when"), "latch", "'y'", "default value");

    private sealed class SwitchLatch : Component
    {
        public SwitchLatch()
        {
            var s = In.UInt(2, "s");
            var y = Out.Bool("y");
            Switch(s, k =>
            {
                k.Is(0, () => y.Assign(true)); // @latch-switch
                k.Is(1, () => y.Assign(false));
            });
        }
    }

    [Fact]
    public void A_Switch_that_misses_values_without_Default_is_a_latch() =>
        AssertError(Fails(() => new SwitchLatch()), Marker.At("latch-switch"), "latch", "'y'");

    private sealed class FullSwitch : Component
    {
        public FullSwitch()
        {
            var s = In.UInt(1, "s");
            var y = Out.Bool("y");
            Switch(s, k =>
            {
                k.Is(0, () => y.Assign(true));
                k.Is(1, () => y.Assign(false));
            });
        }
    }

    private sealed class FullSwitchPartialTargets : Component
    {
        public FullSwitchPartialTargets()
        {
            var s = In.UInt(1, "s");
            var y = Out.Bool("y");
            var z = Out.Bool("z");
            z.Assign(false);
            Switch(s, k =>
            {
                k.Is(0, () => y.Assign(true));
                k.Is(1, () => { y.Assign(false); z.Assign(true); });
            });
        }
    }

    [Fact]
    public void A_full_Switch_projected_onto_a_target_assigned_in_some_cases_still_lints()
    {
        var e = VerilogEmitter.Emit(new FullSwitchPartialTargets());
        Assert.Equal("", VerilogTools.Lint(e));
    }

    [Fact]
    public void A_Switch_covering_every_value_needs_no_Default()
    {
        var e = VerilogEmitter.Emit(new FullSwitch());
        Assert.Equal("", VerilogTools.Lint(e));
    }

    private sealed class UnconnectedInput : Component
    {
        public UnconnectedInput()
        {
            var y = Out.Bool("y");
            var inv = Instance(new Inverter(), "inv"); // @unconnected
            y.Assign(inv.Y);
        }
    }

    [Fact]
    public void An_instance_input_nobody_drives_is_unconnected() =>
        AssertError(Fails(() => new UnconnectedInput()), Marker.At("unconnected"), "unconnected instance input", "'a'", "'inv'");

    private sealed class DuplicateNames : Component
    {
        public DuplicateNames()
        {
            var a = In.Bool("x");
            var y = Out.Bool("x"); // @duplicate
            y.Assign(a);
        }
    }

    [Fact]
    public void Two_signals_with_the_same_name_are_rejected() =>
        AssertError(Fails(() => new DuplicateNames()), Marker.At("duplicate"), "duplicate name 'x'");

    private sealed class KeywordName : Component
    {
        public KeywordName()
        {
            var a = In.Bool("module"); // @keyword
            var y = Out.Bool("y");
            y.Assign(a);
        }
    }

    [Fact]
    public void A_SystemVerilog_keyword_that_Verilator_reserves_cannot_be_a_name()
    {
        var e = Assert.Throws<HdlException>(() => Elaborator.Elaborate(new PackedName()));
        Assert.Contains("'packed' is a reserved Verilog keyword", e.Message);
    }

    private sealed class PackedName : Component
    {
        public PackedName()
        {
            var a = In.Bool("a");
            var y = Out.Bool("packed");
            y.Assign(a);
        }
    }

    [Fact]
    public void A_Verilog_keyword_cannot_be_a_name() =>
        AssertError(Fails(() => new KeywordName()), Marker.At("keyword"), "'module' is a reserved Verilog keyword");

    private sealed class ImplicitClockName : Component
    {
        public ImplicitClockName()
        {
            var a = In.Bool("clk"); // @clk-name
            var y = Out.Bool("y");
            y.Assign(Reg.Next(a));
        }
    }

    [Fact]
    public void A_port_named_like_the_implicit_clock_collides_with_it() =>
        AssertError(Fails(() => new ImplicitClockName()), Marker.At("clk-name"), "duplicate name 'clk'", "implicit clock port");

    private sealed class Holder : Component
    {
        public readonly Bool Hidden;
        public readonly Bool Y;

        public Holder()
        {
            Hidden = Wire.Bool();
            Hidden.Assign(true);
            Y = Out.Bool();
            Y.Assign(Hidden);
        }
    }

    private sealed class ReadsInsideInstance : Component
    {
        public ReadsInsideInstance()
        {
            var y = Out.Bool("y");
            var h = Instance(new Holder(), "h");
            y.Assign(h.Hidden); // @hierarchy
        }
    }

    [Fact]
    public void Reading_a_wire_inside_an_instance_is_rejected() =>
        AssertError(Fails(() => new ReadsInsideInstance()), Marker.At("hierarchy"), "'hidden' is inside instance 'h'", "only its ports");

    private sealed class ConstantTooWide : Component
    {
        public ConstantTooWide()
        {
            var a = In.UInt(4, "a");
            var y = Out.Bool("y");
            y.Assign(a == 16); // @constant
        }
    }

    [Fact]
    public void A_constant_that_does_not_fit_the_other_operand_is_rejected()
    {
        var e = Assert.Throws<HdlException>(() => new ConstantTooWide());
        AssertError(e, Marker.At("constant"), "constant 16 does not fit in a 4-bit UInt", "0..15");
    }

    private sealed class ForgetsInstance : Component
    {
        public ForgetsInstance()
        {
            var y = Out.Bool("y");
            var orphan = new Inverter();
            var inv = Instance(new Inverter(), "inv"); // @orphan
            inv.A.Assign(orphan.Y);
            y.Assign(inv.Y);
        }
    }

    [Fact]
    public void A_component_created_without_Instance_is_reported_at_the_next_Instance()
    {
        var e = Assert.Throws<HdlException>(() => new ForgetsInstance());
        AssertError(e, Marker.At("orphan"), "a Inverter", "never passed to Instance(...)");
    }

    private sealed class StreamMismatch : Component
    {
        public StreamMismatch()
        {
            var input = In.Stream(8, name: "i");
            var output = Out.Stream(16, name: "o");
            output.ConnectFrom(input); // @stream
        }
    }

    [Fact]
    public void Connecting_streams_of_different_widths_is_rejected()
    {
        var e = Assert.Throws<HdlException>(() => new StreamMismatch());
        AssertError(e, Marker.At("stream"), "stream width mismatch", "8-bit", "16-bit");
    }

    private sealed class Unparameterised : Component
    {
        public readonly Bool A;
        public readonly Bool Y;

        public Unparameterised(bool invert)
        {
            A = In.Bool();
            Y = Out.Bool();
            Y.Assign(invert ? !A : A);
        }
    }

    private sealed class TwoConfigurations : Component
    {
        public TwoConfigurations()
        {
            var a = In.Bool("a");
            var y = Out.Bool("y");
            var p = Instance(new Unparameterised(true), "p");
            var q = Instance(new Unparameterised(false), "q");
            p.A.Assign(a);
            q.A.Assign(p.Y);
            y.Assign(q.Y);
        }
    }

    [Fact]
    public void Two_configurations_of_a_module_without_Param_collide()
    {
        var e = Assert.Throws<HdlException>(() => VerilogEmitter.Emit(new TwoConfigurations()));
        TextAssert.ContainsAll(e.Message,
            "two different modules are both named 'unparameterised'",
            "Param(");
    }

    private sealed class MemoryAddress : Component
    {
        public MemoryAddress()
        {
            var a = In.UInt(3, "a");
            var y = Out.UInt(8, "y");
            var m = Mem(8, 16, "m");
            y.Assign(m.ReadAsync(a)); // @mem-address
        }
    }

    [Fact]
    public void A_memory_address_of_the_wrong_width_is_rejected()
    {
        var e = Assert.Throws<HdlException>(() => new MemoryAddress());
        AssertError(e, Marker.At("mem-address"), "memory 'm' of depth 16 takes a 4-bit address, not 3 bits");
    }

    private sealed class SliceOutOfRange : Component
    {
        public SliceOutOfRange()
        {
            var a = In.UInt(8, "a");
            var y = Out.UInt(4, "y");
            y.Assign(a[9, 6]); // @slice
        }
    }

    [Fact]
    public void A_slice_outside_the_value_is_rejected()
    {
        var e = Assert.Throws<HdlException>(() => new SliceOutOfRange());
        AssertError(e, Marker.At("slice"), "slice [9:6] is outside a 8-bit UInt");
    }

    private sealed class MemoryNeverWritten : Component
    {
        public MemoryNeverWritten()
        {
            var a = In.UInt(4, "a");
            var y = Out.UInt(8, "y");
            var m = Mem(8, 16, "m"); // @mem-unwritten
            y.Assign(m.ReadAsync(a));
        }
    }

    [Fact]
    public void A_memory_that_is_never_written_is_rejected() =>
        AssertError(Fails(() => new MemoryNeverWritten()), Marker.At("mem-unwritten"), "memory 'm' is never written");

    [Fact]
    public void A_bad_library_parameter_names_the_parameter_value_and_range()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RoundRobinArbiter(1, 8));
        Assert.Equal("inputs", e.ParamName);
        TextAssert.ContainsAll(e.Message,
            "2..64",
            "1");
    }
}
