using Zfpe.Hdl;
using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Tests.Support;

namespace Zfpe.Flow.Tests.Timing;

/// <summary>
/// A board design made to miss its clock: a 24-bit seed shifted in from the buttons goes through
/// rounds of add-and-xor (a carry chain each) into the scrambler's state register, far more logic
/// than the ULX3S's 25 MHz oscillator period allows. Lines marked `// @name` are what the timing
/// report must point at.
/// </summary>
public sealed class TimingTestDesign : Component
{
    public const int Rounds = 20;

    public TimingTestDesign()
    {
        var clock = In.Bool("clk_25mhz");
        var buttons = In.UInt(7, "btn");
        var leds = Out.UInt(8, "led");
        UseClock(clock, null);
        var seed = Reg.UInt(24, reset: null, name: "seed"); // @seed
        seed.Assign(Hw.Cat(seed[16, 0], buttons));
        var scrambler = Instance(new Scrambler(Rounds), "scrambler"); // @scrambler
        scrambler.Seed.Assign(seed);
        leds.Assign(scrambler.Mixed[23, 16]);
    }

    /// <summary>The C# location (<c>TimingTestDesign.cs:N</c>) of the line marked <c>// @marker</c> in this file.</summary>
    public static string Line(string marker) => Marker.At(marker);

    public static EmittedDesign Emit() => VerilogEmitter.Emit(new TimingTestDesign());

    public static FlowRequest Request() => new("timing-test", new Dictionary<string, string> { ["rounds"] = Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Emit());

    private sealed class Scrambler : Component
    {
        public readonly UInt Seed;
        public readonly UInt Mixed;

        public Scrambler(int rounds)
        {
            Param("rounds", rounds, Rounds);
            Seed = In.UInt(24);
            Mixed = Out.UInt(24);
            var x = Seed;
            for (var i = 0; i < rounds; i++)
                x = (x + (0x9E3779 ^ (i * 0x1111))) ^ (x >> 3);
            var state = Reg.Next(x, reset: null, name: "state"); // @state
            Mixed.Assign(state);
        }
    }
}
