using Zfpe.Hdl;

namespace Zfpe.Cores.Tests;

public class ZfpeCoreConfigTests
{
    [Theory]
    [InlineData(0, 8, 28, 1, "B", "parameter 'b' = 0 is out of range (allowed: 1..28)")]
    [InlineData(29, 8, 28, 1, "B", "parameter 'b' = 29 is out of range (allowed: 1..28)")]
    [InlineData(5, 10, 28, 1, "ExponentBits", "parameter 'exponent-bits' = 10 is out of range (allowed: 8|9)")]
    [InlineData(9, 8, 8, 1, "Split", "parameter 'split' = 8 is out of range (allowed: b..31 = 9..31)")]
    [InlineData(5, 8, 32, 1, "Split", "parameter 'split' = 32 is out of range (allowed: 1..31)")]
    [InlineData(5, 8, 28, 3, "Lanes", "parameter 'lanes' = 3 is out of range (allowed: 1|2|4|8)")]
    public void Validation_names_the_parameter_its_value_and_the_allowed_range(int b, int e, int split, int lanes, string property, string message)
    {
        var config = new ZfpeCoreConfig(b, e, split, lanes);
        var error = Assert.Throws<ParameterValueException>(config.Validate);
        Assert.Equal(message, error.Message);
        Assert.Equal(property, error.ParamName);
        Assert.Equal(message, Assert.Throws<ParameterValueException>(() => new ZfpeCompressor(config)).Message);
        Assert.Equal(message, Assert.Throws<ParameterValueException>(() => new ZfpeDecompressor(config)).Message);
    }

    [Theory]
    [InlineData(5, 8, 1, 32, 1, 1, 4)]
    [InlineData(5, 9, 2, 33, 1, 2, 2)]
    [InlineData(13, 8, 4, 64, 1, 4, 1)]
    [InlineData(28, 9, 8, 125, 2, 4, 1)]
    public void Derived_sizes_follow_the_format_and_the_pipeline_width(int b, int e, int lanes, int blockBits, int blockLanes, int perCycle, int slots)
    {
        var config = new ZfpeCoreConfig(b, e, Lanes: lanes);
        config.Validate();
        Assert.Equal(blockBits, config.BlockBits);
        Assert.Equal(blockLanes, config.BlockLanes);
        Assert.Equal(perCycle, config.ValuesPerCycle);
        Assert.Equal(slots, config.Slots);
        Assert.Equal(e + 2 * (1 + b), config.CoefficientOffset(2));
    }

    [Fact]
    public void Rounding_is_the_compressors_the_decompressor_refuses_it_and_names_no_module_after_it()
    {
        var nearest = new ZfpeCoreConfig(Split: 30, Rounding: PayloadRounding.Nearest);
        Assert.Equal("zfpe_compressor_split30_rounding_nearest", new ZfpeCompressor(nearest).ModuleName);
        var error = Assert.Throws<ParameterValueException>(() => new ZfpeDecompressor(nearest));
        Assert.Equal("parameter 'rounding' = nearest is an encoder parameter: the decompressor does not take it (it decodes the blocks of every rounding); leave it at its default, truncate", error.Message);
        Assert.Equal(nameof(ZfpeCoreConfig.Rounding), error.ParamName);
        var decompressor = new ZfpeDecompressor(nearest with { Rounding = PayloadRounding.Truncate });
        Assert.Equal("zfpe_decompressor_split30", decompressor.ModuleName);
        Assert.DoesNotContain(decompressor.Parameters, p => p.Name == ZfpeCoreConfig.RoundingParameter);
    }
}
