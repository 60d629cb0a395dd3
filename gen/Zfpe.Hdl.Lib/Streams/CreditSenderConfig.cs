using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>The parameters of a <see cref="CreditSender{T}"/> over UInt payloads (the `credit-sender` design).</summary>
public sealed record CreditSenderConfig(
    [property: Parameter("width", "payload bits", Min = 1, Max = 4096)] int Width = 8,
    [property: Parameter("credits", "beats the receiver can hold", Min = 1, Max = 1 << 20)] int Credits = 8,
    [property: Parameter("last", "1: the stream carries last")] bool Last = false);
