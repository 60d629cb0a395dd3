using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Zfpe.Cli.Commands;

/// <summary>
/// Every numeric option of the CLI parsed one way: invariant culture, digits with an optional sign
/// (and for reals a decimal point and an exponent), no group separators, finite. System.CommandLine's
/// own parsing accepts thousands separators, so "--rate 1,5" would have been read as 15; here it
/// is an error that says how to write the number.
/// </summary>
public static class CliNumbers
{
    /// <summary>Gives every numeric option under <paramref name="command"/> (recursively) the strict parser.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> o: o.CustomParser = r => ParseInteger(r, o.Name, int.MinValue, int.MaxValue, v => (int)v); break;
                case Option<int?> o: o.CustomParser = r => ParseInteger(r, o.Name, int.MinValue, int.MaxValue, v => (int?)(int)v); break;
                case Option<long> o: o.CustomParser = r => ParseInteger(r, o.Name, long.MinValue, long.MaxValue, v => v); break;
                case Option<long?> o: o.CustomParser = r => ParseInteger(r, o.Name, long.MinValue, long.MaxValue, v => (long?)v); break;
                case Option<double> o: o.CustomParser = r => ParseReal(r, o.Name); break;
                case Option<double?> o: o.CustomParser = r => (double?)ParseReal(r, o.Name); break;
            }
        }
        foreach (var sub in command.Subcommands)
            Apply(sub);
    }

    /// <summary>Parses an integer the way every option does; null (with <paramref name="error"/>) when it is not one.</summary>
    public static long? Integer(string text, string name, out string? error)
    {
        error = null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            return value;
        error = text.Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit)
            ? $"{name} {text} is too large: it does not fit in 64 bits"
            : $"{name} '{text}' is not an integer: write digits only{(text.Contains(',') ? ", without separators" : "")}";
        return null;
    }

    /// <summary>Parses a real number the way every option does; null (with <paramref name="error"/>) when it is not a finite one.</summary>
    public static double? Real(string text, string name, out string? error)
    {
        error = null;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (double.TryParse(text, style, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        error = text.Contains(',')
            ? $"{name} '{text}' is not a number: write the decimal point as '.', as in {text.Replace(',', '.')}, and no group separators"
            : double.TryParse(text, style, CultureInfo.InvariantCulture, out _) || text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Contains("inf", StringComparison.OrdinalIgnoreCase)
                ? $"{name} '{text}' is not a finite number"
                : $"{name} '{text}' is not a number";
        return null;
    }

    private static T ParseInteger<T>(ArgumentResult result, string name, long min, long max, Func<long, T> convert)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Integer(text, name, out string? error) is not { } value)
        {
            result.AddError(error!);
            return default!;
        }
        if (value < min || value > max)
        {
            result.AddError($"{name} {text} is out of range: allowed {min}..{max}");
            return default!;
        }
        return convert(value);
    }

    private static double ParseReal(ArgumentResult result, string name)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Real(text, name, out string? error) is { } value)
            return value;
        result.AddError(error!);
        return 0;
    }
}
