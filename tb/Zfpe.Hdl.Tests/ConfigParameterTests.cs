namespace Zfpe.Hdl.Tests;

/// <summary>One source per parameter: a config record's [Parameter] declarations drive parsing, checking and module names.</summary>
public class ConfigParameterTests
{
    public enum Rounding { Truncate, NearestEven }

    public sealed record ShifterConfig(
        [property: Parameter("width", "bits of the word", Min = 1, Max = 64)] int Width = 16,
        [property: Parameter("stages", "register stages", Allowed = [1, 2, 4])] int Stages = 1,
        [property: Parameter("signed", "1: arithmetic shift")] bool Signed = false,
        [property: Parameter("rounding", "what happens to the bits shifted out")] Rounding Rounding = Rounding.Truncate)
    {
        public int NotAParameter => Width * 2;
    }

    /// <summary>A config without a primary constructor: init properties.</summary>
    public sealed record PlainConfig
    {
        [Parameter("depth", "entries", Min = 2, Max = 1024)]
        public int Depth { get; init; } = 32;

        [Parameter("count", "how many", Min = 0)]
        public long Count { get; init; } = 7;
    }

    private sealed class Shifter : Component
    {
        public Shifter(ShifterConfig config)
        {
            Params(config);
            var x = In.UInt(config.Width);
            Out.UInt(config.Width).Assign(x >> 1);
        }
    }

    [Fact]
    public void The_parameters_are_the_declared_properties_in_order_with_their_defaults()
    {
        var specs = ConfigParameters.Of<ShifterConfig>();
        Assert.Equal(["width", "stages", "signed", "rounding"], specs.Select(s => s.Name));
        Assert.Equal(["16", "1", "0", "truncate"], specs.Select(s => s.Format(s.Default)));
        Assert.Equal(["1..64", "1|2|4", "0|1", "truncate|nearest-even"], specs.Select(s => s.AllowedText));
        Assert.Equal(["depth", "count"], ConfigParameters.Of<PlainConfig>().Select(s => s.Name));
    }

    [Fact]
    public void Settings_make_a_config_with_defaults_for_the_rest()
    {
        var c = ConfigParameters.Create<ShifterConfig>(new Dictionary<string, string> { ["width"] = "40", ["signed"] = "1", ["rounding"] = "nearest-even" });
        Assert.Equal(new ShifterConfig(40, 1, true, Rounding.NearestEven), c);
        var p = ConfigParameters.Create<PlainConfig>(new Dictionary<string, string> { ["count"] = "12" });
        Assert.Equal(32, p.Depth);
        Assert.Equal(12, p.Count);
    }

    [Theory]
    [InlineData("width", "65", "parameter 'width' = 65 is out of range (allowed: 1..64)")]
    [InlineData("width", "1,5", "parameter 'width' = '1,5' is not an integer (allowed: 1..64)")]
    [InlineData("stages", "3", "parameter 'stages' = 3 is out of range (allowed: 1|2|4)")]
    [InlineData("signed", "maybe", "parameter 'signed' = 'maybe' is not a flag (allowed: 0|1)")]
    [InlineData("rounding", "up", "parameter 'rounding' = 'up' is not one of truncate|nearest-even")]
    [InlineData("shift", "2", "there is no parameter 'shift'; the parameters are: width, stages, signed, rounding")]
    public void A_bad_setting_names_the_parameter_the_value_and_what_is_allowed(string name, string value, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => ConfigParameters.Create<ShifterConfig>(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_config_out_of_its_declared_range_is_rejected_when_the_component_is_built()
    {
        var e = Assert.Throws<ParameterValueException>(() => new Shifter(new ShifterConfig(Width: 0)));
        Assert.Equal("Width", e.ParamName);
        Assert.Contains("parameter 'width' = 0 is out of range (allowed: 1..64)", e.Message);
    }

    [Fact]
    public void Module_names_read_well_for_numbers_flags_and_choices()
    {
        Assert.Equal("shifter", new Shifter(new ShifterConfig()).ModuleName);
        Assert.Equal("shifter_width24_signed_rounding_nearest_even", new Shifter(new ShifterConfig(24, 1, true, Rounding.NearestEven)).ModuleName);
        var text = VerilogEmitter.Emit(new Shifter(new ShifterConfig(Stages: 4))).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "module shifter_stages4 (",
            "// Parameters: width=16, stages=4, signed=false, rounding=truncate");
    }
}
