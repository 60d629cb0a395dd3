// Test fixture: a stream FIFO (push -> pop) of DEPTH entries with a 70-bit payload and a last
// flag, registered outputs, full throughput. Wide on purpose: streams carry word-array payloads.
module stream_fifo (
    input  wire        clk,
    input  wire        reset,
    input  wire        push_valid,
    output wire        push_ready,
    input  wire [69:0] push_payload,
    input  wire        push_last,
    output wire        pop_valid,
    input  wire        pop_ready,
    output wire [69:0] pop_payload,
    output wire        pop_last,
    output wire [3:0]  occupancy
);
    localparam DEPTH = 4;
    reg [70:0] entries [0:DEPTH-1];
    reg [1:0]  head, tail;
    reg [3:0]  count;
    wire push = push_valid && push_ready;
    wire pop = pop_valid && pop_ready;
    assign push_ready = count != DEPTH;
    assign pop_valid = count != 0;
    assign {pop_last, pop_payload} = entries[head];
    assign occupancy = count;
    always @(posedge clk) begin
        if (reset) begin
            head <= 2'd0;
            tail <= 2'd0;
            count <= 4'd0;
        end else begin
            if (push) begin
                entries[tail] <= {push_last, push_payload};
                tail <= tail + 2'd1;
            end
            if (pop) head <= head + 2'd1;
            count <= count + {3'd0, push} - {3'd0, pop};
        end
    end
endmodule
