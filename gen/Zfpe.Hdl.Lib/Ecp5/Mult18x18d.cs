using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// The ECP5 18×18 multiplier primitive MULT18X18D (sysDSP), with its input (A and B), pipeline
/// and output registers each on CLK0 or bypassed, clock enable CE0 and synchronous reset RST0.
/// Only the pins a plain multiplication uses are declared: A, B, the signedness pins, the
/// C input and the operand sources (tied off by <see cref="Ecp5Multiplier"/>), CE0, RST0 and the
/// low bits of the product P that the user needs; CLK0 takes the instantiating component's clock.
/// The other pins (CLK1–3, shift and cascade paths, the upper bits of P) stay unconnected. For simulation see <see cref="Ecp5SimulationModels"/>.
/// </summary>
public sealed class Mult18x18d : BlackBox
{
    public const int Width = 18;

    public readonly IReadOnlyList<Bool> A;
    public readonly IReadOnlyList<Bool> B;
    public readonly IReadOnlyList<Bool> C;
    public readonly Bool SignedA;
    public readonly Bool SignedB;
    public readonly Bool SourceA;
    public readonly Bool SourceB;
    public readonly Bool Ce0;
    public readonly Bool Rst0;
    public readonly IReadOnlyList<Bool> P;

    /// <param name="inputRegisters">A and B (with SIGNEDA/SIGNEDB) registered at the inputs.</param>
    /// <param name="pipelineRegister">the register between the multiplier array and the output stage.</param>
    /// <param name="outputRegister">P registered at the output.</param>
    /// <param name="productBits">how many low bits of P are connected (the others stay unconnected).</param>
    public Mult18x18d(bool inputRegisters, bool pipelineRegister, bool outputRegister, int productBits = 2 * Width) : base("MULT18X18D")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(productBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(productBits, 2 * Width);
        static string Clock(bool used) => used ? "CLK0" : "NONE";
        Parameter("REG_INPUTA_CLK", Clock(inputRegisters));
        Parameter("REG_INPUTA_CE", "CE0");
        Parameter("REG_INPUTA_RST", "RST0");
        Parameter("REG_INPUTB_CLK", Clock(inputRegisters));
        Parameter("REG_INPUTB_CE", "CE0");
        Parameter("REG_INPUTB_RST", "RST0");
        Parameter("REG_PIPELINE_CLK", Clock(pipelineRegister));
        Parameter("REG_PIPELINE_CE", "CE0");
        Parameter("REG_PIPELINE_RST", "RST0");
        Parameter("REG_OUTPUT_CLK", Clock(outputRegister));
        Parameter("REG_OUTPUT_CE", "CE0");
        Parameter("REG_OUTPUT_RST", "RST0");
        Parameter("CLK0_DIV", "ENABLED");
        Parameter("GSR", "DISABLED");
        Parameter("SOURCEB_MODE", "B_SHIFT");
        Parameter("MULT_BYPASS", "DISABLED");
        Parameter("RESETMODE", "SYNC");

        A = Pins("A");
        B = Pins("B");
        C = Pins("C");
        SignedA = In.Bool("SIGNEDA");
        SignedB = In.Bool("SIGNEDB");
        SourceA = In.Bool("SOURCEA");
        SourceB = In.Bool("SOURCEB");
        ClockPin("CLK0");
        Ce0 = In.Bool("CE0");
        Rst0 = In.Bool("RST0");
        P = Enumerable.Range(0, productBits).Select(i => Out.Bool($"P{i}")).ToList();
        InputRegisters = inputRegisters;
        PipelineRegister = pipelineRegister;
        OutputRegister = outputRegister;
    }

    public bool InputRegisters { get; }
    public bool PipelineRegister { get; }
    public bool OutputRegister { get; }

    /// <summary>Clock cycles from A and B to P: one per register used.</summary>
    public int Latency => (InputRegisters ? 1 : 0) + (PipelineRegister ? 1 : 0) + (OutputRegister ? 1 : 0);

    private List<Bool> Pins(string prefix) => Enumerable.Range(0, Width).Select(i => In.Bool($"{prefix}{i}")).ToList();
}
