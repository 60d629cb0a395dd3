using System.Globalization;
using System.Text;

namespace Zfpe.Reference.Files;

/// <summary>
/// Parses the Python literal in a .npy header: a dict whose values are strings, booleans,
/// integers, tuples or lists. Errors give the byte offset in the file.
/// </summary>
internal sealed class NpyHeaderParser
{
    private readonly string _text;
    private readonly long _fileOffset;
    private int _position;

    private NpyHeaderParser(string text, long fileOffset)
    {
        _text = text;
        _fileOffset = fileOffset;
    }

    /// <summary>Parses <paramref name="text"/>, which starts at byte <paramref name="fileOffset"/> of the file (single-byte characters assumed for offsets).</summary>
    public static Dictionary<string, object> ParseDictionary(string text, long fileOffset)
    {
        var parser = new NpyHeaderParser(text, fileOffset);
        parser.SkipSpace();
        if (parser.Peek() != '{')
            throw parser.Error("the header is not a Python dict (expected '{')");
        var value = (Dictionary<string, object>)parser.ParseValue();
        parser.SkipSpace();
        if (parser._position != text.Length)
            throw parser.Error($"unexpected text after the header dict: '{Excerpt(text[parser._position..])}'");
        return value;
    }

    private object ParseValue()
    {
        SkipSpace();
        char c = Peek();
        switch (c)
        {
            case '{':
                return ParseDict();
            case '(':
                return ParseSequence('(', ')');
            case '[':
                return ParseSequence('[', ']');
            case '\'':
            case '"':
                return ParseString();
        }
        if (c == '-' || char.IsAsciiDigit(c))
            return ParseInteger();
        if (char.IsAsciiLetter(c))
        {
            int start = _position;
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                _position++;
            string word = _text[start.._position];
            return word switch
            {
                "True" => true,
                "False" => false,
                _ => throw Error($"unexpected name '{word}' (only True and False are understood)", start),
            };
        }
        throw Error(_position >= _text.Length ? "the header ends in the middle of a value" : $"unexpected character '{c}'");
    }

    private Dictionary<string, object> ParseDict()
    {
        Expect('{');
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }
            int keyStart = _position;
            if (ParseValue() is not string key)
                throw Error("a header dict key must be a string", keyStart);
            SkipSpace();
            Expect(':');
            var value = ParseValue();
            if (!result.TryAdd(key, value))
                throw Error($"the key '{key}' appears twice", keyStart);
            SkipSpace();
            if (Peek() == ',')
                _position++;
            else if (Peek() != '}')
                throw Error("expected ',' or '}' in the header dict");
        }
    }

    private List<object> ParseSequence(char open, char close)
    {
        Expect(open);
        var items = new List<object>();
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
        char quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
                throw Error("a string in the header is not closed");
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
        // Python 2 era writers appended L to long integers.
        string digits = _text[start.._position];
        if (_position < _text.Length && _text[_position] == 'L')
            _position++;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error($"'{digits}' is not an integer that fits in 64 bits", start);
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

    private InvalidDataException Error(string what, int? at = null) =>
        new($"malformed .npy header at byte offset {_fileOffset + (at ?? _position)}: {what}");

    private static string Excerpt(string s) => s.Length <= 20 ? s : s[..20] + "...";
}
