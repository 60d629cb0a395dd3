using Zfpe.Hdl.Elaboration;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Ecp5;

namespace Zfpe.Hdl.Tests;

/// <summary>Inout ports (board pads): attached to I/O buffer pins bit by bit, emitted as Verilog inout, never logic.</summary>
public class InOutPadTests
{
    /// <summary>Two pads, each through a BB: drive <c>out</c> while <c>enable</c>, read the pads on <c>seen</c>.</summary>
    private sealed class TwoPads : Component
    {
        public TwoPads(int attachedBits = 2, bool readPad = false, bool attachTwice = false, bool leavePinOpen = false)
        {
            var pad = InOut.UInt(2, "pad");
            var drive = In.UInt(2, "drive");
            var enable = In.Bool("enable");
            var seen = Out.UInt(2, "seen");
            var buffers = Enumerable.Range(0, 2).Select(i => Instance(new Bb(), $"buffer{i}")).ToList();
            for (var i = 0; i < 2; i++)
            {
                buffers[i].I.Assign(drive[i]);
                buffers[i].T.Assign(!enable);
                if (i < attachedBits) Attach(buffers[i].B, pad[i]);
            }
            if (leavePinOpen)
            {
                var spare = Instance(new Bb(), "spare");
                spare.I.Assign(false);
                spare.T.Assign(true);
            }
            if (attachTwice) Attach(buffers[0].B, pad[1]);
            seen.Assign(readPad ? pad : Hw.Cat(buffers[1].O, buffers[0].O));
        }
    }

    [Fact]
    public void An_inout_port_is_emitted_as_inout_and_each_buffer_pin_takes_its_bit()
    {
        var design = VerilogEmitter.Emit(new TwoPads());
        var text = design.Files.Single(f => f.FileName == "two_pads.v").Text;
        Assert.Contains("inout wire [1:0] pad", text);
        Assert.Contains(".B(pad[0])", text);
        Assert.Contains(".B(pad[1])", text);
        Assert.DoesNotContain("buffer0_B", text);            // no net of its own: the pin is the pad
        Assert.Equal(PortDirection.InOut, design.TopPorts.Single(p => p.Name == "pad").Direction);
        Assert.Equal("", VerilogTools.Lint(Ecp5SimulationModels.ForSimulation(design)));
        var (ok, log) = VerilogTools.SynthEcp5(design);
        Assert.True(ok, log);
        Assert.Matches(@"TRELLIS_IO\s+2", log);
    }

    [Fact]
    public void Reading_an_inout_port_is_refused() =>
        Assert.Contains("carries no logic and cannot be read", Assert.Throws<HdlException>(() => Elaborator.Elaborate(new TwoPads(readPad: true))).Message);

    [Fact]
    public void A_pad_bit_attached_to_no_pin_is_refused_with_the_bit() =>
        Assert.Contains("inout port 'pad': bit 1 is attached to no instance pin", Assert.Throws<HdlException>(() => Elaborator.Elaborate(new TwoPads(attachedBits: 1))).Message);

    [Fact]
    public void A_buffer_pin_attached_to_no_pad_is_refused() =>
        Assert.Contains("unconnected inout pin: port 'B' of instance 'spare'", Assert.Throws<HdlException>(() => Elaborator.Elaborate(new TwoPads(leavePinOpen: true))).Message);

    [Fact]
    public void A_pin_attached_twice_is_refused() =>
        Assert.Contains("already attached", Assert.Throws<HdlException>(() => new TwoPads(attachTwice: true)).Message);
}
