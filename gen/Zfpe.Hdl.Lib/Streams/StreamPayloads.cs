using System.Runtime.CompilerServices;
using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Streams;

/// <summary>Helpers shared by the stream components: payload names for module names, and word packing.</summary>
internal static class StreamPayloads
{
    /// <summary>The default payload of the library's modules: an 8-bit UInt (left out of module names).</summary>
    public const string DefaultName = "u8";

    /// <summary>
    /// A payload as a module-name parameter: <c>u8</c>, <c>s12</c>, <c>bool</c>, or a bundle's type and
    /// field widths (<c>tagged_2x8</c>), so that two payloads of one width never share a module.
    /// </summary>
    public static string Describe(IHdlData payload) => payload switch
    {
        Bundle b => SnakeCase(b.GetType().Name) + "_" + string.Join("x", b.Leaves.Select(l => l.Width)),
        HdlValue { Kind: HdlKind.Bool } => "bool",
        HdlValue { Kind: HdlKind.Signed } v => $"s{v.Width}",
        HdlValue v => $"u{v.Width}",
        _ => throw new ArgumentException($"{payload.GetType().Name} is not hardware data", nameof(payload)),
    };

    /// <summary>A stream's payload and last flag as one word (last in the top bit).</summary>
    public static UInt Word<T>(Stream<T> stream) where T : class, IHdlData =>
        stream.Last is null ? stream.Payload.AsBits() : Hw.Cat(stream.Last, stream.Payload.AsBits());

    /// <summary>The number of bits of a stream's word (<see cref="Word{T}"/>).</summary>
    public static int WordWidth<T>(Stream<T> stream) where T : class, IHdlData => stream.Width + (stream.Last is null ? 0 : 1);

    /// <summary>Drives <paramref name="stream"/>'s payload and last from a word made by <see cref="Word{T}"/>.</summary>
    public static void DriveFromWord<T>(Stream<T> stream, UInt word, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData
    {
        Assign(stream.Payload, stream.PayloadShape.FromBits(stream.Width == word.Width ? word : word[stream.Width - 1, 0], file, line), file, line);
        stream.Last?.Assign(word[stream.Width], file, line);
    }

    /// <summary>Drives <paramref name="target"/> (signals) from <paramref name="value"/>: a value, or a bundle field by field.</summary>
    public static void Assign<T>(T target, T value, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) where T : class, IHdlData
    {
        if (target is Bundle b) b.Assign((Bundle)(IHdlData)value, file, line);
        else ((HdlValue)(IHdlData)target).Assign((HdlValue)(IHdlData)value, file, line);
    }

    private static string SnakeCase(string name)
    {
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    /// <summary>Bits to count 0..values-1.</summary>
    public static int BitsFor(int values) => Math.Max(1, (int)Math.Ceiling(Math.Log2(values)));
}
