using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>The parameters of an <see cref="Ecp5Multiplier"/>.</summary>
public sealed record Ecp5MultiplierConfig(
    [property: Parameter("a-width", "bits of operand A", Min = 1, Max = Mult18x18d.Width)] int AWidth = Mult18x18d.Width,
    [property: Parameter("b-width", "bits of operand B", Min = 1, Max = Mult18x18d.Width)] int BWidth = Mult18x18d.Width,
    [property: Parameter("signed", "1: A, B and P are two's complement; 0: unsigned")] bool Signed = false,
    [property: Parameter("stages", "registers inside the DSP: 0 none, 1 output, 2 input and output, 3 input, pipeline and output", Min = 0, Max = 3)] int Stages = 2);
