// Test fixture: SDRAM pins driven straight from test inputs (ctl_*), and a capture register on the
// data input, as a controller's input register would be: captured <= sdram_dq_in at every edge.
module sdram_pins_loop (
    input  wire clk,
    input  wire ctl_cs_n, ctl_ras_n, ctl_cas_n, ctl_we_n, ctl_dq_oe,
    input  wire [1:0] ctl_ba, ctl_dqm,
    input  wire [12:0] ctl_a,
    input  wire [15:0] ctl_dq,
    output wire sdram_cke, sdram_cs_n, sdram_ras_n, sdram_cas_n, sdram_we_n, sdram_dq_oe,
    output wire [1:0] sdram_ba, sdram_dqm,
    output wire [12:0] sdram_a,
    output wire [15:0] sdram_dq_out,
    input  wire [15:0] sdram_dq_in,
    input  wire sdram_dq_in_valid,
    output reg  [15:0] captured,
    output reg  captured_valid
);
    assign {sdram_cke, sdram_cs_n, sdram_ras_n, sdram_cas_n, sdram_we_n, sdram_dq_oe} =
           {1'b1, ctl_cs_n, ctl_ras_n, ctl_cas_n, ctl_we_n, ctl_dq_oe};
    assign {sdram_ba, sdram_dqm, sdram_a, sdram_dq_out} = {ctl_ba, ctl_dqm, ctl_a, ctl_dq};
    always @(posedge clk) begin
        captured <= sdram_dq_in;
        captured_valid <= sdram_dq_in_valid;
    end
endmodule
