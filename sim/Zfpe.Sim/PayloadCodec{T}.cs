namespace Zfpe.Sim;

/// <summary>
/// Converts a payload of type <typeparamref name="T"/> to and from a port's bits, as 32-bit words
/// (least significant first, <see cref="SimPort.Words"/> of them). This is what makes the stream
/// helpers typed: a test can move its own records through a stream. Built-in codecs are in
/// <see cref="PayloadCodecs"/>. Implementations must not allocate in <see cref="Encode"/>.
/// </summary>
public abstract class PayloadCodec<T>
{
    /// <summary>Writes <paramref name="value"/> into <paramref name="words"/>; throws when it does not fit the port.</summary>
    public abstract void Encode(T value, SimPort port, Span<uint> words);

    /// <summary>Reads a value from the port's words.</summary>
    public abstract T Decode(ReadOnlySpan<uint> words, SimPort port);

    /// <summary>How a value appears in a failure message.</summary>
    public virtual string Format(T value) => value?.ToString() ?? "null";

    /// <summary>Whether two values are the same payload.</summary>
    public virtual bool AreEqual(T expected, T actual) => EqualityComparer<T>.Default.Equals(expected, actual);
}
