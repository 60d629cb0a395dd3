namespace Zfpe.Hdl.Lib.Streams;

/// <summary>Which waiting input a <see cref="StreamArbiter{T}"/> grants.</summary>
public enum ArbiterPolicy
{
    /// <summary>The first valid input after the last winner, in index order: every waiting input is served within N grants.</summary>
    RoundRobin,

    /// <summary>The valid input with the lowest index: input 0 always wins (higher inputs can starve).</summary>
    Priority,
}
