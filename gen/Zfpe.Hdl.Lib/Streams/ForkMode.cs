namespace Zfpe.Hdl.Lib.Streams;

/// <summary>How a <see cref="StreamFork{T}"/> hands a beat to its outputs.</summary>
public enum ForkMode
{
    /// <summary>
    /// Each output takes its copy as soon as it is ready; the fork remembers which have taken it and
    /// takes the input beat when the last one does. Output valid never depends on any ready.
    /// </summary>
    Eager,

    /// <summary>
    /// All outputs take the beat in the same cycle: output i is valid only while every other output
    /// is ready (valid depends combinationally on the other outputs' ready). No registers.
    /// </summary>
    Lazy,
}
