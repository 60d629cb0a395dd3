using System.Globalization;
using System.Numerics;

namespace Zfpe.Sim;

/// <summary>The built-in payload codecs, and <see cref="Create{T}"/> for a test's own types.</summary>
public static class PayloadCodecs
{
    /// <summary>Raw bits up to 64; on a wider port, the value must fit 64 bits.</summary>
    public static PayloadCodec<ulong> UInt64 { get; } = new Bits();

    /// <summary>A number that fits 64 bits, on a port of any width: two's complement on a signed port.</summary>
    public static PayloadCodec<long> Int64 { get; } = new Signed();

    /// <summary>A number of any width: two's complement on a signed port.</summary>
    public static PayloadCodec<BigInteger> BigInteger { get; } = new Big();

    /// <summary>Raw 32-bit words of any width, least significant first.</summary>
    public static PayloadCodec<uint[]> Words { get; } = new WordArray();

    /// <summary>An IEEE binary32 value as its bit pattern; equal means the same bits (so NaN payloads compare).</summary>
    public static PayloadCodec<float> Single { get; } = new Float32();

    /// <summary>An IEEE binary64 value as its bit pattern; equal means the same bits.</summary>
    public static PayloadCodec<double> Double { get; } = new Float64();

    /// <summary>A codec for any type that fits in 64 bits, from two conversions.</summary>
    public static PayloadCodec<T> Create<T>(Func<T, ulong> toBits, Func<ulong, T> fromBits, Func<T, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(toBits);
        ArgumentNullException.ThrowIfNull(fromBits);
        return new Custom<T>(toBits, fromBits, format);
    }

    /// <summary>The built-in codec for <typeparamref name="T"/> (ulong, long, uint, int, ushort, short, byte, bool, float, double, BigInteger, uint[]).</summary>
    public static PayloadCodec<T> Default<T>()
    {
        object codec = typeof(T) switch
        {
            var t when t == typeof(ulong) => UInt64,
            var t when t == typeof(long) => Int64,
            var t when t == typeof(BigInteger) => BigInteger,
            var t when t == typeof(uint[]) => Words,
            var t when t == typeof(uint) => Create<uint>(v => v, b => checked((uint)b), Hex),
            var t when t == typeof(int) => Create<int>(v => (ulong)(uint)v, b => (int)(uint)b),
            var t when t == typeof(ushort) => Create<ushort>(v => v, b => checked((ushort)b), v => Hex(v)),
            var t when t == typeof(short) => Create<short>(v => (ushort)v, b => (short)(ushort)b),
            var t when t == typeof(byte) => Create<byte>(v => v, b => checked((byte)b), v => Hex(v)),
            var t when t == typeof(bool) => Create<bool>(v => v ? 1UL : 0UL, b => b != 0),
            var t when t == typeof(float) => Single,
            var t when t == typeof(double) => Double,
            _ => throw new ArgumentException(
                $"there is no built-in payload codec for {typeof(T).Name}; pass one made with PayloadCodecs.Create<{typeof(T).Name}>(toBits, fromBits) " +
                $"or derive from PayloadCodec<{typeof(T).Name}>.", nameof(T)),
        };
        return (PayloadCodec<T>)codec;
    }

    internal static string Hex(ulong value) => value < 10 ? value.ToString(CultureInfo.InvariantCulture) : $"0x{value:x} ({value})";

    private static string Hex(uint value) => Hex((ulong)value);

    /// <summary>The port's bits as a ulong; a wider port is fine as long as nothing is set above bit 63.</summary>
    internal static ulong Bits64(ReadOnlySpan<uint> words, SimPort port)
    {
        for (var i = 2; i < words.Length; i++)
        {
            if (words[i] != 0)
                throw new ArgumentException($"port '{port.Name}' ({port.Width} bits) carries a value above 64 bits; read it with the BigInteger or uint[] payload codec.");
        }
        return Low64(words);
    }

    internal static ulong Low64(ReadOnlySpan<uint> words) => words.Length > 1 ? words[0] | (ulong)words[1] << 32 : words[0];

    /// <summary>Stores up to 64 bits; false when they do not fit the port (the caller builds the message, so success allocates nothing).</summary>
    internal static bool TryStore(ulong bits, SimPort port, Span<uint> words)
    {
        if ((bits & ~port.Mask) != 0) return false;
        words[0] = (uint)bits;
        if (words.Length > 1) words[1] = (uint)(bits >> 32);
        for (var i = 2; i < words.Length; i++) words[i] = 0;
        return true;
    }

    internal static ArgumentOutOfRangeException DoesNotFit(string shown, SimPort port) =>
        new("value", $"payload {shown} does not fit port '{port.Name}' ({port.Width} bits).");

    private sealed class Bits : PayloadCodec<ulong>
    {
        public override void Encode(ulong value, SimPort port, Span<uint> words)
        {
            if (!TryStore(value, port, words)) throw DoesNotFit(Hex(value), port);
        }

        public override ulong Decode(ReadOnlySpan<uint> words, SimPort port) => Bits64(words, port);

        public override string Format(ulong value) => Hex(value);
    }

    private sealed class Signed : PayloadCodec<long>
    {
        public override void Encode(long value, SimPort port, Span<uint> words)
        {
            if (port.Width > 64)
            {
                for (var i = 0; i < words.Length; i++) words[i] = (uint)(i < 2 ? value >> (32 * i) : value >> 63);
                words[^1] &= port.Width % 32 == 0 ? uint.MaxValue : (1u << (port.Width % 32)) - 1;
                if (!port.IsSigned && value < 0) throw new ArgumentOutOfRangeException(nameof(value), $"payload {value} does not fit unsigned port '{port.Name}'.");
                return;
            }
            var fits = port.IsSigned
                ? port.Width == 64 || (value >= -(1L << (port.Width - 1)) && value < 1L << (port.Width - 1))
                : value >= 0 && ((ulong)value & ~port.Mask) == 0;
            if (!fits)
                throw new ArgumentOutOfRangeException(nameof(value), $"payload {value} does not fit port '{port.Name}' ({port.Range()}).");
            TryStore((ulong)value & port.Mask, port, words);
        }

        public override long Decode(ReadOnlySpan<uint> words, SimPort port)
        {
            var bits = Low64(words);
            if (port.Width > 64)
            {
                var value = Big.ToBigInteger(words, port);
                return value >= long.MinValue && value <= long.MaxValue
                    ? (long)value
                    : throw new ArgumentException($"port '{port.Name}' ({port.Width} bits) carries {value}, beyond 64 bits; read it with the BigInteger payload codec.");
            }
            if (!port.IsSigned) return (long)bits;
            var shift = 64 - port.Width;
            return (long)(bits << shift) >> shift;
        }
    }

    private sealed class Big : PayloadCodec<BigInteger>
    {
        public override void Encode(BigInteger value, SimPort port, Span<uint> words)
        {
            var min = port.IsSigned ? -(System.Numerics.BigInteger.One << (port.Width - 1)) : System.Numerics.BigInteger.Zero;
            var max = port.IsSigned ? (System.Numerics.BigInteger.One << (port.Width - 1)) - 1 : (System.Numerics.BigInteger.One << port.Width) - 1;
            if (value < min || value > max)
                throw new ArgumentOutOfRangeException(nameof(value), $"payload {value} does not fit port '{port.Name}' ({port.Range()}).");
            var bits = value.Sign < 0 ? (System.Numerics.BigInteger.One << port.Width) + value : value;
            for (var i = 0; i < words.Length; i++) words[i] = (uint)((bits >> (32 * i)) & uint.MaxValue);
        }

        public override BigInteger Decode(ReadOnlySpan<uint> words, SimPort port) => ToBigInteger(words, port);

        internal static BigInteger ToBigInteger(ReadOnlySpan<uint> words, SimPort port)
        {
            var bytes = new byte[words.Length * 4];
            for (var i = 0; i < words.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), words[i]);
            var value = new BigInteger(bytes, isUnsigned: true);
            if (port.IsSigned && !(value >> (port.Width - 1)).IsZero) value -= System.Numerics.BigInteger.One << port.Width;
            return value;
        }

        public override string Format(BigInteger value) => value.Sign >= 0 && value >= 10 ? $"0x{value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0')} ({value})" : value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class WordArray : PayloadCodec<uint[]>
    {
        public override void Encode(uint[] value, SimPort port, Span<uint> words)
        {
            if (value.Length != words.Length)
                throw new ArgumentException($"payload has {value.Length} words but port '{port.Name}' ({port.Width} bits) takes {words.Length}.", nameof(value));
            value.CopyTo(words);
            var topBits = port.Width % 32;
            if (topBits != 0 && words[^1] >> topBits != 0)
                throw new ArgumentOutOfRangeException(nameof(value), $"payload {Format(value)} does not fit port '{port.Name}' ({port.Width} bits).");
        }

        public override uint[] Decode(ReadOnlySpan<uint> words, SimPort port) => words.ToArray();

        public override string Format(uint[] value) => "0x" + string.Concat(value.Reverse().Select(w => w.ToString("x8", CultureInfo.InvariantCulture)));

        public override bool AreEqual(uint[] expected, uint[] actual) => expected.AsSpan().SequenceEqual(actual);
    }

    private sealed class Float32 : PayloadCodec<float>
    {
        public override void Encode(float value, SimPort port, Span<uint> words)
        {
            if (!TryStore(BitConverter.SingleToUInt32Bits(value), port, words)) throw DoesNotFit(Format(value), port);
        }

        public override float Decode(ReadOnlySpan<uint> words, SimPort port)
        {
            var bits = Bits64(words, port);
            return bits >> 32 == 0
                ? BitConverter.UInt32BitsToSingle((uint)bits)
                : throw new ArgumentException($"port '{port.Name}' carries 0x{bits:x}, more than the 32 bits of a float.");
        }

        public override string Format(float value) => string.Create(CultureInfo.InvariantCulture, $"{value:R} (0x{BitConverter.SingleToUInt32Bits(value):x8})");

        public override bool AreEqual(float expected, float actual) => BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(actual);
    }

    private sealed class Float64 : PayloadCodec<double>
    {
        public override void Encode(double value, SimPort port, Span<uint> words)
        {
            if (!TryStore(BitConverter.DoubleToUInt64Bits(value), port, words)) throw DoesNotFit(Format(value), port);
        }

        public override double Decode(ReadOnlySpan<uint> words, SimPort port) => BitConverter.UInt64BitsToDouble(Bits64(words, port));

        public override string Format(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:R} (0x{BitConverter.DoubleToUInt64Bits(value):x16})");

        public override bool AreEqual(double expected, double actual) => BitConverter.DoubleToUInt64Bits(expected) == BitConverter.DoubleToUInt64Bits(actual);
    }

    private sealed class Custom<T>(Func<T, ulong> toBits, Func<ulong, T> fromBits, Func<T, string>? format) : PayloadCodec<T>
    {
        public override void Encode(T value, SimPort port, Span<uint> words)
        {
            if (!TryStore(toBits(value), port, words)) throw DoesNotFit(Format(value), port);
        }

        public override T Decode(ReadOnlySpan<uint> words, SimPort port) => fromBits(Bits64(words, port));

        public override string Format(T value) => format is null ? base.Format(value) : format(value);
    }
}
