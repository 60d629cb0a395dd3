namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>Where an <see cref="IoRegister"/> sits.</summary>
public enum IoRegisterKind
{
    /// <summary>An output or tristate register in the pad's I/O cell.</summary>
    Output,

    /// <summary>An input register in the pad's I/O cell.</summary>
    Input,

    /// <summary>An ordinary flip-flop in a slice (for its power-up value).</summary>
    Slice,
}
