// Test fixture: SDRAM pins driven straight from test inputs (ctl_*), and a capture register on the
// data input, as a controller's input register would be: captured <= sdram_dq_in at every edge.
module sdram_pins_loop (
    input  wire        clk,
    input  wire        ctl_cs_n,
    input  wire        ctl_ras_n,
    input  wire        ctl_cas_n,
    input  wire        ctl_we_n,
    input  wire [1:0]  ctl_ba,
    input  wire [12:0] ctl_a,
    input  wire [1:0]  ctl_dqm,
    input  wire [15:0] ctl_dq,
    input  wire        ctl_dq_oe,
    output wire        sdram_cke,
    output wire        sdram_cs_n,
    output wire        sdram_ras_n,
    output wire        sdram_cas_n,
    output wire        sdram_we_n,
    output wire [1:0]  sdram_ba,
    output wire [12:0] sdram_a,
    output wire [1:0]  sdram_dqm,
    output wire [15:0] sdram_dq_out,
    output wire        sdram_dq_oe,
    input  wire [15:0] sdram_dq_in,
    input  wire        sdram_dq_in_valid,
    output reg  [15:0] captured,
    output reg         captured_valid
);
    assign sdram_cke = 1'b1;
    assign sdram_cs_n = ctl_cs_n;
    assign sdram_ras_n = ctl_ras_n;
    assign sdram_cas_n = ctl_cas_n;
    assign sdram_we_n = ctl_we_n;
    assign sdram_ba = ctl_ba;
    assign sdram_a = ctl_a;
    assign sdram_dqm = ctl_dqm;
    assign sdram_dq_out = ctl_dq;
    assign sdram_dq_oe = ctl_dq_oe;
    always @(posedge clk) begin
        captured <= sdram_dq_in;
        captured_valid <= sdram_dq_in_valid;
    end
endmodule
