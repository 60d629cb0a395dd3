// Test fixture: one registered echo and one combinational inverse per width class of a Verilated
// port (CData, SData, IData, QData, word arrays), plus signed ports and a >64-bit adder.
module width_zoo (
    input  wire                clk,
    input  wire                reset,
    input  wire                in_1,
    input  wire [6:0]          in_7,
    input  wire [8:0]          in_9,
    input  wire [16:0]         in_17,
    input  wire [32:0]         in_33,
    input  wire [63:0]         in_64,
    input  wire [64:0]         in_65,
    input  wire [99:0]         in_100,
    input  wire [127:0]        in_128,
    input  wire signed [11:0]  s_in,
    input  wire signed [69:0]  ws_in,
    output reg                 out_1,
    output reg  [6:0]          out_7,
    output reg  [8:0]          out_9,
    output reg  [16:0]         out_17,
    output reg  [32:0]         out_33,
    output reg  [63:0]         out_64,
    output reg  [64:0]         out_65,
    output reg  [99:0]         out_100,
    output reg  [127:0]        out_128,
    output wire [99:0]         inv_100,
    output wire [32:0]         inv_33,
    output reg  [100:0]        sum_101,
    output reg  signed [12:0]  s_twice,
    output reg  signed [69:0]  ws_neg
);
    assign inv_100 = ~in_100;
    assign inv_33 = ~in_33;
    always @(posedge clk) begin
        if (reset) begin
            out_1 <= 1'b0; out_7 <= 7'd0; out_9 <= 9'd0; out_17 <= 17'd0; out_33 <= 33'd0;
            out_64 <= 64'd0; out_65 <= 65'd0; out_100 <= 100'd0; out_128 <= 128'd0;
            sum_101 <= 101'd0; s_twice <= 13'sd0; ws_neg <= 70'sd0;
        end else begin
            out_1 <= in_1; out_7 <= in_7; out_9 <= in_9; out_17 <= in_17; out_33 <= in_33;
            out_64 <= in_64; out_65 <= in_65; out_100 <= in_100; out_128 <= in_128;
            sum_101 <= {1'b0, in_100} + {1'b0, in_128[99:0]};
            s_twice <= {s_in[11], s_in} + {s_in[11], s_in};
            ws_neg <= -ws_in;
        end
    end
endmodule
