namespace Zfpe.Flow.Tests;

public class EcpDeviceTests
{
    public static TheoryData<string, string> DeviceNames => new()
    {
        { "25k", "LFE5U-25F-6BG381C" },
        { "45k", "LFE5U-45F-6BG381C" },
        { "85k", "LFE5U-85F-6BG381C" },
        { "85F", "LFE5U-85F-6BG381C" },
        { "LFE5U-85F", "LFE5U-85F-6BG381C" },
    };

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void Device_names_resolve_to_the_ulx3s_parts(string name, string part)
    {
        Assert.Equal(part, EcpDevice.Parse(name).PartNumber);
    }

    [Theory]
    [InlineData("12k")]
    [InlineData("100k")]
    [InlineData("")]
    [InlineData("ice40")]
    public void A_bad_device_name_is_rejected_naming_the_allowed_ones(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => EcpDevice.Parse(name));
        TextAssert.ContainsAll(e.Message,
            $"'{name}'",
            "25k, 45k, 85k");
    }

    [Fact]
    public void The_85k_capacity_matches_the_board_table()
    {
        var d = EcpDevice.Lfe5u85;
        Assert.Equal((83_640, 83_640, 208, 156, 4), (d.Lut4, d.FlipFlops, d.BlockRams, d.Multipliers, d.Plls));
        Assert.Equal("--85k", d.NextpnrFlag);
    }
}
