using Zfpe.Hdl.Emit;

namespace Zfpe.Flow.Tests.Support;

/// <summary>Small hand-written designs standing in for generated ones.</summary>
public static class TestDesigns
{
    private const string Accumulator = """
        module accumulator(input clk, input [7:0] a, input [7:0] b, output reg [8:0] sum);
          always @(posedge clk) sum <= a + b;
        endmodule
        """;

    // A counter (carry chain), a 1024x16 memory with a registered read (one DP16KD), an 18x18
    // product (one MULT18X18D) and a child module, on ULX3S signal names.
    private const string BlinkyTop = """
        module blinky(input clk_25mhz, input [6:0] btn, output [7:0] led, output wifi_gpio0);
          reg [23:0] count;
          reg [15:0] memory [0:1023];
          reg [15:0] word;
          wire [8:0] sum;
          always @(posedge clk_25mhz) begin
            count <= count + 1;
            word <= memory[count[9:0]];
            if (btn[1]) memory[count[19:10]] <= count[15:0];
          end
          wire [35:0] product = count[17:0] * word;
          accumulator acc(.clk(clk_25mhz), .a(count[23:16]), .b(product[35:28] ^ word[7:0]), .sum(sum));
          assign led = sum[7:0] ^ {btn, 1'b0};
          assign wifi_gpio0 = 1'b1;
        endmodule
        """;

    public static IReadOnlyList<PortInfo> BlinkyPorts { get; } =
    [
        new("clk_25mhz", 1, PortDirection.Input, false, PortRole.Clock),
        new("btn", 7, PortDirection.Input, false),
        new("led", 8, PortDirection.Output, false),
        new("wifi_gpio0", 1, PortDirection.Output, false),
    ];

    public static EmittedDesign Blinky(string variant = "") => new(
        "blinky",
        [
            new VerilogFile("accumulator", "accumulator.v", Accumulator),
            new VerilogFile("blinky", "blinky.v", BlinkyTop.Replace("count + 1", variant.Length == 0 ? "count + 1" : variant)),
        ],
        BlinkyPorts);

    public static FlowRequest Request(EmittedDesign design) =>
        new("test-blinky", new Dictionary<string, string> { ["width"] = "24" }, design);

    /// <summary>Blinky with one port the board does not have and a 9-bit LED vector.</summary>
    public static EmittedDesign WithUnconstrainedPorts() => new(
        "wide",
        [new VerilogFile("wide", "wide.v", """
            module wide(input clk_25mhz, output [8:0] led, output [3:0] debug);
              reg [8:0] r;
              always @(posedge clk_25mhz) r <= r + 1;
              assign led = r;
              assign debug = r[3:0];
            endmodule
            """)],
        [
            new("clk_25mhz", 1, PortDirection.Input, false, PortRole.Clock),
            new("led", 9, PortDirection.Output, false),
            new("debug", 4, PortDirection.Output, false),
        ]);

    /// <summary>Blinky's ports, but its Verilog has a syntax error on line 3.</summary>
    public static EmittedDesign Broken() => new(
        "blinky",
        [new VerilogFile("blinky", "blinky.v", """
            module blinky(input clk_25mhz, input [6:0] btn, output [7:0] led, output wifi_gpio0);
              reg [7:0] r;
              always @(posedge clk_25mhz) r <= r + ;
              assign led = r;
              assign wifi_gpio0 = 1'b1;
            endmodule
            """)],
        BlinkyPorts);
}
