using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>
/// The sending side of credit-based flow control: the receiver has room for <c>credits</c> beats
/// (a queue of that depth) and returns one credit per beat it frees by raising
/// <see cref="CreditReturn"/> for one cycle (several beats: several cycles). A beat leaves only
/// while a credit is held, so the receiver never overflows however long the link's latency in
/// either direction, and its ready may be tied high. <see cref="Credits"/> is the count held (reset:
/// all). The output still honours its ready, so the sender also works behind a plain stream.
/// Combinational from input to output, no latency; the credit counter is the only state.
/// </summary>
public sealed class CreditSender<T> : Component where T : class, IHdlData
{
    public readonly Stream<T> Input;
    public readonly Stream<T> Output;
    public readonly Bool CreditReturn;
    public readonly UInt Credits;

    public CreditSender(Shape<T> payload, int credits, bool withLast = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (credits is < 1 or > 1 << 20) throw new ArgumentOutOfRangeException(nameof(credits), credits, "credits must be 1..1048576");
        Input = In.Stream(payload, withLast);
        Output = Out.Stream(payload, withLast);
        CreditReturn = In.Bool();
        var bits = StreamPayloads.BitsFor(credits + 1);
        Credits = Out.UInt(bits);
        Param("payload", StreamPayloads.Describe(Input.Payload), StreamPayloads.DefaultName);
        Param("credits", credits, 8);
        Param("last", withLast, false);

        var held = Reg.UInt(bits, reset: (ulong)credits, name: "held");
        var any = held != 0;
        Output.Valid.Assign(Input.Valid & any);
        StreamPayloads.Assign(Output.Payload, Input.Payload);
        Output.Last?.Assign(Input.Last!);
        Input.Ready.Assign(Output.Ready & any);
        When(Output.Fire & !CreditReturn, () => held.Assign(held - 1))
            .ElseWhen(CreditReturn & !Output.Fire, () => held.Assign(held + 1));
        Credits.Assign(held);
    }
}
