namespace Zfpe.Flow.Tests.Sweep;

public class SweepSpaceTests
{
    [Fact]
    public void The_points_are_the_cartesian_product_with_the_first_axis_outermost()
    {
        var space = SweepSpace.Parse(["lanes=1,2,4,8", "b = 5, 9"]);

        Assert.Equal(8, space.Count);
        var points = space.Points();
        Assert.Equal(
            ["lanes=1_b=5", "lanes=1_b=9", "lanes=2_b=5", "lanes=2_b=9", "lanes=4_b=5", "lanes=4_b=9", "lanes=8_b=5", "lanes=8_b=9"],
            points.Select(p => p.Id));
        Assert.Equal("9", points[^1].AsDictionary()["b"]);
        Assert.Equal(["lanes", "b"], points[0].Settings.Select(s => s.Key));
    }

    [Fact]
    public void No_set_gives_one_point_with_the_design_defaults()
    {
        var points = SweepSpace.Parse([]).Points();

        Assert.Equal(SweepPoint.DefaultId, Assert.Single(points).Id);
        Assert.Empty(points[0].Settings);
    }

    public static TheoryData<string, string> MalformedSetArguments => new()
    {
        { "lanes", "is not of the form name=v1,v2,..." },
        { "=1,2", "is not of the form name=v1,v2,..." },
        { "lanes=", "has an empty value" },
        { "lanes=1,,2", "has an empty value" },
        { "lanes=1,2,", "has an empty value" },
        { "lanes=1,2,1", "lists the value 1 twice" },
        { "la nes=1", "is not a parameter name" },
    };

    [Theory]
    [MemberData(nameof(MalformedSetArguments))]
    public void Malformed_set_arguments_are_refused_with_the_argument_and_the_expected_form(string set, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpace.Parse([set]));

        Assert.Contains(expected, e.Message);
        Assert.Contains($"'{set}'", e.Message);
    }

    [Fact]
    public void A_parameter_given_in_two_set_arguments_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpace.Parse(["b=5", "b=9"]));

        TextAssert.ContainsAll(e.Message,
            "gives parameter 'b' twice",
            "--set b=v1,v2");
    }

    [Fact]
    public void An_unknown_parameter_is_refused_with_the_design_s_parameters()
    {
        var space = SweepSpace.Parse(["lanes=1,2"]);

        var e = Assert.Throws<ArgumentException>(() => space.CheckParameters("fifo", ["width", "depth", "bram"]));

        Assert.Equal("design 'fifo' has no parameter 'lanes'; its parameters are: width, depth, bram", e.Message);
    }

    [Fact]
    public void Point_ids_keep_only_file_name_safe_characters()
    {
        Assert.Equal("mode=a_b_c", SweepPoint.MakeId([KeyValuePair.Create("mode", "a/b c")]));
        Assert.Equal("x=-1.5", SweepPoint.MakeId([KeyValuePair.Create("x", "-1.5")]));
    }

    [Theory]
    [InlineData("synth", SweepSteps.Synth)]
    [InlineData("synth,pnr", SweepSteps.Synth | SweepSteps.PlaceAndRoute)]
    [InlineData("pnr, synth", SweepSteps.Synth | SweepSteps.PlaceAndRoute)]
    public void Steps_parse_in_any_order(string text, SweepSteps expected) =>
        Assert.Equal(expected, SweepOptions.ParseSteps(text));

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_option_value_and_range()
    {
        var device = EcpDevice.Lfe5u85;
        Assert.Contains("unknown step 'route'", Assert.Throws<ArgumentException>(() => SweepOptions.ParseSteps("synth,route")).Message);
        Assert.Contains("--steps must include synth", Assert.Throws<ArgumentException>(
            () => new SweepOptions(device, 100, SweepSteps.PlaceAndRoute, 1, 1, "out").Validate()).Message);
        Assert.Contains("--seeds must be a number of placement seeds in 1..100; got 0", Assert.Throws<ArgumentException>(
            () => new SweepOptions(device, 100, SweepSteps.Synth, 0, 1, "out").Validate()).Message);
        Assert.Contains("--jobs must be a number of parallel tool runs in 1..256; got 0", Assert.Throws<ArgumentException>(
            () => new SweepOptions(device, 100, SweepSteps.Synth, 1, 0, "out").Validate()).Message);
        Assert.Contains("--freq must be a clock target in MHz in (0, 400]; got 0", Assert.Throws<ArgumentException>(
            () => new SweepOptions(device, 0, SweepSteps.Synth, 1, 1, "out").Validate()).Message);
    }
}
