// Benchmark load for the bridge: a stream pipeline of the size and shape of the ZFPe compressor
// (gather 4 floats, block exponent, alignment shifts, a lifting transform, negabinary, fixed-size
// codes, pack). It is not the ZFPe codec: only its cost per cycle matters here.
module block_pipeline (
    input  wire        clk,
    input  wire        reset,
    input  wire        in_valid,
    output wire        in_ready,
    input  wire [31:0] in_payload,
    output wire        out_valid,
    input  wire        out_ready,
    output wire [31:0] out_payload
);
    localparam STAGES = 9;
    reg  [STAGES-1:0] v;
    wire advance = !v[STAGES-1] || out_ready;
    reg  [1:0]   gathered;
    reg  [31:0]  g0, g1, g2;
    wire         block_in = in_valid && advance && gathered == 2'd3;
    assign in_ready = advance;

    always @(posedge clk) begin
        if (reset) gathered <= 2'd0;
        else if (in_valid && advance) begin
            gathered <= gathered + 2'd1;
            case (gathered)
                2'd0: g0 <= in_payload;
                2'd1: g1 <= in_payload;
                2'd2: g2 <= in_payload;
                default: ;
            endcase
        end
    end

    // stage 0: unpack
    reg [7:0]  f0 [0:3];
    reg [23:0] m0 [0:3];
    reg [3:0]  s0;
    // stage 1: block exponent
    reg [7:0]  fmax1;
    reg [7:0]  f1 [0:3];
    reg [23:0] m1 [0:3];
    reg [3:0]  s1;
    // stage 2: align
    reg signed [31:0] q2 [0:3];
    reg [7:0] fmax2;
    // stages 3..6: lift
    reg signed [31:0] x3, y3, z3, w3, x4, y4, z4, w4, x5, y5, z5, w5, x6, y6, z6, w6;
    reg [7:0] e3, e4, e5, e6, e7;
    // stage 7: negabinary and codes
    reg [5:0] c7 [0:3];
    // stage 8: pack
    reg [31:0] packed8;

    integer k;
    wire [31:0] lane [0:3];
    assign lane[0] = g0; assign lane[1] = g1; assign lane[2] = g2; assign lane[3] = in_payload;
    wire [7:0] max01 = f0[0] > f0[1] ? f0[0] : f0[1];
    wire [7:0] max23 = f0[2] > f0[3] ? f0[2] : f0[3];

    function [31:0] nb(input [31:0] q);
        nb = (q + 32'hAAAAAAAA) ^ 32'hAAAAAAAA;
    endfunction
    function [5:0] code(input [31:0] u);
        code = (u >> 28) != 0 ? {1'b1, u[31:27]} : {1'b0, u[27:23]};
    endfunction

    always @(posedge clk) begin
        if (reset) v <= {STAGES{1'b0}};
        else if (advance) v <= {v[STAGES-2:0], block_in};
        if (advance) begin
            for (k = 0; k < 4; k = k + 1) begin
                f0[k] <= lane[k][30:23] == 8'd0 ? 8'd1 : lane[k][30:23];
                m0[k] <= {lane[k][30:23] != 8'd0, lane[k][22:0]};
                s0[k] <= lane[k][31];
            end
            fmax1 <= max01 > max23 ? max01 : max23;
            for (k = 0; k < 4; k = k + 1) begin
                f1[k] <= f0[k];
                m1[k] <= m0[k];
            end
            s1 <= s0;
            for (k = 0; k < 4; k = k + 1)
                q2[k] <= s1[k] ? -$signed({2'b00, m1[k], 6'd0} >> (fmax1 - f1[k]))
                               :  $signed({2'b00, m1[k], 6'd0} >> (fmax1 - f1[k]));
            fmax2 <= fmax1;
            x3 <= (q2[0] + q2[3]) >>> 1; w3 <= q2[3] - ((q2[0] + q2[3]) >>> 1);
            z3 <= (q2[2] + q2[1]) >>> 1; y3 <= q2[1] - ((q2[2] + q2[1]) >>> 1); e3 <= fmax2;
            x4 <= (x3 + z3) >>> 1; z4 <= z3 - ((x3 + z3) >>> 1); y4 <= y3; w4 <= w3; e4 <= e3;
            w5 <= (w4 + y4) >>> 1; y5 <= y4 - ((w4 + y4) >>> 1); x5 <= x4; z5 <= z4; e5 <= e4;
            w6 <= w5 + (y5 >>> 1); y6 <= y5 - ((w5 + (y5 >>> 1)) >>> 1); x6 <= x5; z6 <= z5; e6 <= e5;
            c7[0] <= code(nb(x6)); c7[1] <= code(nb(y6)); c7[2] <= code(nb(z6)); c7[3] <= code(nb(w6));
            e7 <= e6;
            packed8 <= {c7[3], c7[2], c7[1], c7[0], e7};
        end
    end
    assign out_valid = v[STAGES-1];
    assign out_payload = packed8;
endmodule
