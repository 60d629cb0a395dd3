namespace Zfpe.Flow.Timing;

/// <summary>
/// The start or the end of a timing path: the placed pin, the register or memory it belongs to as
/// the C# names it (null when it cannot be traced; then <see cref="Name"/> is nextpnr's cell), and
/// for an end, which input the path enters (data, clock enable, set/reset, memory address...).
/// </summary>
public sealed record TimingPathEnd(TimingPin Pin, SourceSignal? Signal, string Name, string? PinRole)
{
    /// <summary>True for a flip-flop's clock enable or set/reset: inputs that Yosys fills with logic it takes off the data path.</summary>
    public bool IsControlPin => Pin.Pin is "CE" or "LSR";
}
