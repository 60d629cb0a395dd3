// Test fixture: an 8-bit counter with enable, a combinational output, and inputs that make the
// design call $stop or $finish (to test how the bridge reports them).
module counter (
    input  wire       clk,
    input  wire       reset,
    input  wire       enable,
    input  wire [7:0] addend,
    input  wire       trap,
    input  wire       done,
    output reg  [7:0] count,
    output wire [8:0] sum
);
    assign sum = {1'b0, count} + {1'b0, addend};
    always @(posedge clk) begin
        if (reset) count <= 8'd0;
        else if (enable) count <= count + 8'd1;
        if (trap) $stop;
        if (done) $finish;
    end
endmodule
