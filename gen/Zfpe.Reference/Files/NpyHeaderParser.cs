using System.Globalization;
using System.Text;

namespace Zfpe.Reference.Files;

/// <summary>
/// Parses the Python literal in a .npy header: a dict whose values are strings, booleans,
/// integers, tuples or lists, each value kept with the byte offset in the file where it starts.
/// Hostile headers are bounded: nesting deeper than <see cref="MaxDepth"/> is rejected (the real
/// header is two levels deep), integers must fit in 64 bits, and every error gives the byte offset
/// in the file, counted in bytes also in version-3 headers, which are UTF-8.
/// </summary>
internal sealed class NpyHeaderParser
{
    /// <summary>Deepest nesting accepted; NumPy writes 2 (the dict and the shape tuple), structured dtypes a few more.</summary>
    public const int MaxDepth = 16;

    private readonly string _text;
    private readonly int[]? _byteOffsets;
    private readonly long _fileOffset;
    private int _position;
    private int _depth;

    private NpyHeaderParser(string text, int[]? byteOffsets, long fileOffset)
    {
        _text = text;
        _byteOffsets = byteOffsets;
        _fileOffset = fileOffset;
    }

    /// <summary>
    /// Parses header bytes that start at byte <paramref name="fileOffset"/> of the file, decoded as
    /// UTF-8 (format version 3) or Latin-1 (versions 1 and 2).
    /// </summary>
    public static Dictionary<string, NpyHeaderValue> ParseDictionary(ReadOnlySpan<byte> header, long fileOffset, bool utf8)
    {
        string text;
        int[]? offsets = null;
        if (utf8)
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header);
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException($"malformed .npy header at byte offset {fileOffset + Math.Max(0, e.Index)}: a version-3 header is UTF-8, but these bytes are not");
            }
            // Byte offset of every character, so that errors point at bytes, not characters.
            offsets = new int[text.Length + 1];
            for (int i = 0, bytes = 0; i <= text.Length; i++)
            {
                offsets[i] = bytes;
                if (i < text.Length)
                    bytes += char.IsHighSurrogate(text[i]) ? 4 : char.IsLowSurrogate(text[i]) ? 0 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
            }
        }
        else
        {
            text = Encoding.Latin1.GetString(header);
        }
        var parser = new NpyHeaderParser(text, offsets, fileOffset);
        parser.SkipSpace();
        if (parser.Peek() != '{')
            throw parser.Error("the header is not a Python dict (expected '{')");
        var value = (Dictionary<string, NpyHeaderValue>)parser.ParseValue().Value;
        parser.SkipSpace();
        if (parser._position != text.Length)
            throw parser.Error($"unexpected text after the header dict: '{Excerpt(text[parser._position..])}'");
        return value;
    }

    private NpyHeaderValue ParseValue()
    {
        SkipSpace();
        long at = Offset(_position);
        char c = Peek();
        switch (c)
        {
            case '{':
                return new(Nested(ParseDict), at);
            case '(':
                return new(Nested(() => ParseSequence('(', ')')), at);
            case '[':
                return new(Nested(() => ParseSequence('[', ']')), at);
            case '\'':
            case '"':
                return new(ParseString(), at);
        }
        if (c == '-' || char.IsAsciiDigit(c))
            return new(ParseInteger(), at);
        if (char.IsAsciiLetter(c))
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                _position++;
            string word = _text[start.._position];
            return word switch
            {
                "True" => new(true, at),
                "False" => new(false, at),
                _ => throw Error($"unexpected name '{Excerpt(word)}' (only True and False are understood)", start),
            };
        }
        throw Error(_position >= _text.Length ? "the header ends in the middle of a value" : $"unexpected character '{c}'");
    }

    private object Nested(Func<object> parse)
    {
        if (++_depth > MaxDepth)
            throw Error($"values nested more than {MaxDepth} deep (a real header nests 2)");
        var value = parse();
        _depth--;
        return value;
    }

    private Dictionary<string, NpyHeaderValue> ParseDict()
    {
        Expect('{');
        var result = new Dictionary<string, NpyHeaderValue>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }
            int keyStart = _position;
            if (ParseValue().Value is not string key)
                throw Error("a header dict key must be a string", keyStart);
            SkipSpace();
            Expect(':');
            var value = ParseValue();
            if (!result.TryAdd(key, value))
                throw Error($"the key '{Excerpt(key)}' appears twice", keyStart);
            SkipSpace();
            if (Peek() == ',')
                _position++;
            else if (Peek() != '}')
                throw Error("expected ',' or '}' in the header dict");
        }
    }

    private List<NpyHeaderValue> ParseSequence(char open, char close)
    {
        Expect(open);
        var items = new List<NpyHeaderValue>();
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _position++;
                return items;
            }
            items.Add(ParseValue());
            SkipSpace();
            if (Peek() == ',')
                _position++;
            else if (Peek() != close)
                throw Error($"expected ',' or '{close}'");
        }
    }

    private string ParseString()
    {
        int start = _position;
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
                throw Error("a string in the header is not closed", start);
            char c = _text[_position++];
            if (c == quote)
                return builder.ToString();
            if (c == '\\' && _position < _text.Length)
                c = _text[_position++];
            builder.Append(c);
        }
    }

    private long ParseInteger()
    {
        int start = _position;
        if (Peek() == '-')
            _position++;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            _position++;
        string digits = _text[start.._position];
        // Python 2 era writers appended L to long integers.
        if (_position < _text.Length && _text[_position] == 'L')
            _position++;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error($"'{Excerpt(digits)}' is not an integer that fits in 64 bits", start);
        return value;
    }

    private void Expect(char c)
    {
        if (Peek() != c)
            throw Error($"expected '{c}'");
        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            _position++;
    }

    /// <summary>The file byte offset of character <paramref name="index"/> of the header text.</summary>
    private long Offset(int index) => _fileOffset + (_byteOffsets is null ? index : _byteOffsets[index]);

    private InvalidDataException Error(string what, int? at = null) =>
        new($"malformed .npy header at byte offset {Offset(at ?? _position)}: {what}");

    private static string Excerpt(string s) => s.Length <= 20 ? s : s[..20] + "...";
}
