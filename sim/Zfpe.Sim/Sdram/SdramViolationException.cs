namespace Zfpe.Sim.Sdram;

/// <summary>
/// Thrown by <see cref="SdramModel.Step"/> on the first broken rule (unless the model collects
/// violations): the message names the rule, the cycle, the bank and the row.
/// </summary>
public sealed class SdramViolationException : Exception
{
    /// <summary>The broken rule and where.</summary>
    public SdramViolation Violation { get; }

    /// <summary>Wraps <paramref name="violation"/>; its message is the exception's message.</summary>
    public SdramViolationException(SdramViolation violation) : base(violation.Message) => Violation = violation;
}
