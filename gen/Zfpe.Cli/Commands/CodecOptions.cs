using System.CommandLine;
using Zfpe.Reference.Codecs;
using Zfpe.Reference.Files;

namespace Zfpe.Cli.Commands;

/// <summary>
/// The codec options shared by compress and decompress (--codec, --b, --rate, --exponent-bits,
/// --split; --rounding for the encoder only), and the rules about which apply to which codec.
/// </summary>
public sealed class CodecOptions
{
    public Option<string> Codec { get; } = new("--codec")
    {
        Description = $"codec: zfpe (fixed-size blocks, the accelerator's format), {ZfpeParameters.PlusName} (ZFPe with split {ZfpeParameters.PlusSplit} and nearest rounding: the same format and decoder, the best setting measured) or zfp (LLNL zfp fixed-rate)",
        DefaultValueFactory = _ => "zfpe",
    };

    public Option<int> B { get; } = new("--b")
    {
        Description = $"ZFPe payload bits per coefficient ({ZfpeParameters.MinB}..{ZfpeParameters.MaxB}); bits/value = b + 3 with --exponent-bits 8",
        DefaultValueFactory = _ => 5,
    };

    public Option<double> Rate { get; } = new("--rate")
    {
        Description = $"ZFP bits per value ({ZfpParameters.MinRate}..{ZfpParameters.MaxRate}, fractions allowed)",
        DefaultValueFactory = _ => 8,
    };

    public Option<int> ExponentBits { get; } = new("--exponent-bits")
    {
        Description = "ZFPe block exponent width: 8 (exact fit) or 9 (the ZFPe authors' format)",
        DefaultValueFactory = _ => 8,
    };

    public Option<int> Split { get; } = new("--split")
    {
        Description = $"ZFPe window split point (b..{ZfpeParameters.MaxSplit})",
        DefaultValueFactory = _ => 28,
    };

    public Option<string> Rounding { get; } = new("--rounding")
    {
        Description = $"ZFPe encoder rounding: truncate (the authors' encoder) or nearest (the field that decodes closest; same format and decoder); docs/zfpe-format.md §3.1",
        DefaultValueFactory = _ => ZfpeParameters.RoundingName(ZfpeRounding.Truncate),
    };

    private readonly bool _encoder;

    /// <param name="encoder">true for compress: adds --rounding, which only the encoder uses.</param>
    public CodecOptions(bool encoder = false) => _encoder = encoder;

    private IEnumerable<Option> ZfpeOnly => _encoder ? [B, ExponentBits, Split, Rounding] : [B, ExponentBits, Split];

    /// <summary>The options the zfpe+ preset fixes.</summary>
    private IEnumerable<Option> PresetFixed => _encoder ? [ExponentBits, Split, Rounding] : [ExponentBits, Split];

    public void AddTo(Command command)
    {
        command.Options.Add(Codec);
        command.Options.Add(B);
        command.Options.Add(Rate);
        command.Options.Add(ExponentBits);
        command.Options.Add(Split);
        if (_encoder)
            command.Options.Add(Rounding);
    }

    /// <summary>The codec the options describe; options that belong to the other codec are an error.</summary>
    public ContainerCodec Build(ParseResult parse)
    {
        string name = parse.GetValue(Codec) ?? "zfpe";
        ContainerCodec codec;
        switch (name.ToLowerInvariant())
        {
            case "zfpe":
                if (Given(parse, Rate))
                    throw new CliException("--rate applies to --codec zfp only; ZFPe's size is set by --b (bits/value = b + 3)");
                codec = ContainerCodec.ForZfpe(new ZfpeParameters(parse.GetValue(B), parse.GetValue(ExponentBits), parse.GetValue(Split), ParseRounding(parse)));
                break;
            case ZfpeParameters.PlusName:
                if (Given(parse, Rate))
                    throw new CliException($"--rate applies to --codec zfp only; {ZfpeParameters.PlusName}'s size is set by --b (bits/value = b + 3)");
                foreach (var option in PresetFixed.Where(o => Given(parse, o)))
                    throw new CliException($"{option.Name}: --codec {ZfpeParameters.PlusName} fixes exponent-bits 8, split {ZfpeParameters.PlusSplit} and rounding nearest; for other settings use --codec zfpe with --split and --rounding");
                codec = ContainerCodec.ForZfpe(ZfpeParameters.Plus(parse.GetValue(B)));
                break;
            case "zfp":
                foreach (var option in ZfpeOnly.Where(o => Given(parse, o)))
                    throw new CliException($"{option.Name} applies to --codec zfpe only; ZFP's size is set by --rate");
                codec = ContainerCodec.ForZfp(new ZfpParameters(parse.GetValue(Rate)));
                break;
            default:
                throw new CliException($"--codec '{name}' is unknown: allowed zfpe, {ZfpeParameters.PlusName}, zfp");
        }
        try
        {
            codec.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"invalid codec option: {e.Message}");
        }
        return codec;
    }

    /// <summary>The names of codec options given explicitly on the command line.</summary>
    public IEnumerable<string> GivenOptions(ParseResult parse) =>
        new Option[] { Codec, B, Rate, ExponentBits, Split }.Concat(_encoder ? [Rounding] : []).Where(o => Given(parse, o)).Select(o => o.Name);

    private ZfpeRounding ParseRounding(ParseResult parse)
    {
        if (!_encoder)
            return ZfpeRounding.Truncate; // the decoder does not depend on it
        string text = parse.GetValue(Rounding) ?? "";
        try
        {
            return ZfpeParameters.ParseRounding(text);
        }
        catch (ArgumentException)
        {
            throw new CliException($"--rounding '{text}' is unknown: allowed {ZfpeParameters.RoundingNames}");
        }
    }

    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
