namespace Zfpe.Flow.Tests;

public class FlowTemplatesTests
{
    [Fact]
    public void The_yosys_script_reads_every_file_and_writes_netlist_stat_and_depth()
    {
        var script = FlowTemplates.Render("synth.ys", new
        {
            top = "top",
            device = "LFE5U-85F-6BG381C",
            files = new[] { "rtl/a.v", "rtl/top.v" },
            netlist = "top.json",
            stat = "stat.json",
            depth = "ltp.txt",
        });
        Assert.All(new[] { "read_verilog -sv rtl/a.v\nread_verilog -sv rtl/top.v\n", "synth_ecp5 -top top -json top.json",
            "tee -q -o stat.json stat -json -top top", "tee -q -o ltp.txt ltp -noff" }, command => Assert.Contains(command, script));
    }

    [Fact]
    public void A_template_variable_missing_from_the_model_is_an_error_not_an_empty_string()
    {
        var e = Assert.ThrowsAny<Exception>(() => FlowTemplates.Render("synth.ys", new { top = "top", files = Array.Empty<string>() }));
        Assert.Contains("synth.ys", e.Message + e.InnerException?.Message);
    }

    [Fact]
    public void Nextpnr_arguments_carry_device_package_speed_frequency_and_seed_and_ask_for_the_sdf()
    {
        var args = FlowTemplates.RenderArguments("nextpnr.args", new
        {
            deviceFlag = "--85k", package = "CABGA381", speed = 6, freq = "100", seed = 7,
            lpf = "top.lpf", netlist = "top.json", config = "top.config", report = "r.json", sdf = "top.sdf",
        });
        Assert.Equal(
            ["--85k", "--package", "CABGA381", "--speed", "6", "--freq", "100", "--seed", "7", "--lpf", "top.lpf",
             "--json", "top.json", "--textcfg", "top.config", "--report", "r.json", "--sdf", "top.sdf", "--timing-allow-fail"],
            args);
    }

    [Fact]
    public void Ecppack_arguments_compress_the_config_into_the_bitstream()
    {
        var args = FlowTemplates.RenderArguments("ecppack.args", new { config = "top.config", bitstream = "top.bit" });
        Assert.Equal(["--compress", "top.config", "top.bit"], args);
    }
}
