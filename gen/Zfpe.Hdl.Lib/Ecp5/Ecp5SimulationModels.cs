using Zfpe.Hdl.Emit;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// Behavioural models of the ECP5 primitives this library instantiates, for simulation only.
/// Synthesis must never see them (Yosys has the real primitives), so they are not part of an
/// emitted design: <see cref="ForSimulation"/> returns a copy of the design with the models of
/// the primitives it uses appended.
/// The MULT18X18D model computes the product through the registers its parameters enable.
/// The register primitives of <see cref="IoRegister"/> and ODDRX1F are modelled as the registers they are;
/// BB only for lint, since the bridge drives no inout port.
/// The EHXPLLL model passes CLKI through to every output and holds LOCK high: a simulated design
/// runs on the bridge's clock whatever the real frequency ratio, so anything derived from the
/// clock frequency (a UART divisor) must be configured for the frequency the real PLL makes.
/// </summary>
public static class Ecp5SimulationModels
{
    public const string EhxplllFileName = "EHXPLLL.v";

    public static string EhxplllModel { get; } = """
        // Behavioural stand-in for the ECP5 EHXPLLL, for simulation only (zfpe-hdl
        // Ecp5SimulationModels): the outputs follow CLKI and LOCK is high. Never synthesise this file.
        /* verilator lint_off UNUSED */
        module EHXPLLL #(
            parameter integer CLKI_DIV = 1,
            parameter integer CLKFB_DIV = 1,
            parameter integer CLKOP_DIV = 8,
            parameter integer CLKOS_DIV = 8,
            parameter integer CLKOS2_DIV = 8,
            parameter integer CLKOS3_DIV = 8,
            parameter CLKOP_ENABLE = "ENABLED",
            parameter CLKOS_ENABLE = "DISABLED",
            parameter CLKOS2_ENABLE = "DISABLED",
            parameter CLKOS3_ENABLE = "DISABLED",
            parameter integer CLKOP_CPHASE = 0,
            parameter integer CLKOS_CPHASE = 0,
            parameter integer CLKOS2_CPHASE = 0,
            parameter integer CLKOS3_CPHASE = 0,
            parameter integer CLKOP_FPHASE = 0,
            parameter integer CLKOS_FPHASE = 0,
            parameter integer CLKOS2_FPHASE = 0,
            parameter integer CLKOS3_FPHASE = 0,
            parameter FEEDBK_PATH = "CLKOP",
            parameter PLLRST_ENA = "DISABLED",
            parameter INTFB_WAKE = "DISABLED",
            parameter STDBY_ENABLE = "DISABLED",
            parameter DPHASE_SOURCE = "DISABLED",
            parameter OUTDIVIDER_MUXA = "DIVA",
            parameter OUTDIVIDER_MUXB = "DIVB",
            parameter OUTDIVIDER_MUXC = "DIVC",
            parameter OUTDIVIDER_MUXD = "DIVD"
        ) (
            input wire CLKI,
            input wire CLKFB,
            input wire RST,
            input wire STDBY,
            input wire PHASESEL0,
            input wire PHASESEL1,
            input wire PHASEDIR,
            input wire PHASESTEP,
            input wire PHASELOADREG,
            input wire PLLWAKESYNC,
            input wire ENCLKOP,
            output wire CLKOP,
            output wire CLKOS,
            output wire CLKOS2,
            output wire CLKOS3,
            output wire LOCK
        );
            assign CLKOP = CLKI;
            assign CLKOS = CLKI;
            assign CLKOS2 = CLKI;
            assign CLKOS3 = CLKI;
            assign LOCK = 1'b1;
        endmodule
        /* verilator lint_on UNUSED */

        """;

    public const string Mult18x18dFileName = "MULT18X18D.v";

    private static string Pins(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"{prefix}{i}"));

    private static string MsbFirst(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Reverse().Select(i => $"{prefix}{i}"));

    /// <summary>
    /// The MULT18X18D pins and registers <see cref="Mult18x18d"/> uses: A×B (signed per SIGNEDA and
    /// SIGNEDB) through the input, pipeline and output registers that REG_*_CLK puts on CLK0
    /// ("NONE" bypasses one), each loaded while CE0 is high and cleared by RST0 (RESETMODE SYNC).
    /// </summary>
    public static string Mult18x18dModel { get; } = $$"""
        // Behavioural stand-in for the ECP5 MULT18X18D, for simulation only (zfpe-hdl
        // Ecp5SimulationModels): multiplication with the input, pipeline and output registers on
        // CLK0 or bypassed, CE0 and a synchronous RST0. Never synthesise this file.
        /* verilator lint_off UNUSED */
        module MULT18X18D #(
            parameter REG_INPUTA_CLK = "NONE",
            parameter REG_INPUTA_CE = "CE0",
            parameter REG_INPUTA_RST = "RST0",
            parameter REG_INPUTB_CLK = "NONE",
            parameter REG_INPUTB_CE = "CE0",
            parameter REG_INPUTB_RST = "RST0",
            parameter REG_PIPELINE_CLK = "NONE",
            parameter REG_PIPELINE_CE = "CE0",
            parameter REG_PIPELINE_RST = "RST0",
            parameter REG_OUTPUT_CLK = "NONE",
            parameter REG_OUTPUT_CE = "CE0",
            parameter REG_OUTPUT_RST = "RST0",
            parameter CLK0_DIV = "ENABLED",
            parameter GSR = "DISABLED",
            parameter SOURCEB_MODE = "B_SHIFT",
            parameter MULT_BYPASS = "DISABLED",
            parameter RESETMODE = "SYNC"
        ) (
            input wire {{Pins("A", 18)}},
            input wire {{Pins("B", 18)}},
            input wire {{Pins("C", 18)}},
            input wire SIGNEDA, SIGNEDB, SOURCEA, SOURCEB,
            input wire CLK0, CE0, RST0,
            output wire {{Pins("P", 36)}}
        );
            wire [17:0] a = { {{MsbFirst("A", 18)}} };
            wire [17:0] b = { {{MsbFirst("B", 18)}} };
            reg [17:0] a_reg = 18'd0;
            reg [17:0] b_reg = 18'd0;
            reg signed_a_reg = 1'b0;
            reg signed_b_reg = 1'b0;
            always @(posedge CLK0)
                if (RST0) begin
                    a_reg <= 18'd0; b_reg <= 18'd0; signed_a_reg <= 1'b0; signed_b_reg <= 1'b0;
                end else if (CE0) begin
                    a_reg <= a; b_reg <= b; signed_a_reg <= SIGNEDA; signed_b_reg <= SIGNEDB;
                end
            wire [17:0] a_in = REG_INPUTA_CLK == "NONE" ? a : a_reg;
            wire [17:0] b_in = REG_INPUTB_CLK == "NONE" ? b : b_reg;
            wire signed_a = REG_INPUTA_CLK == "NONE" ? SIGNEDA : signed_a_reg;
            wire signed_b = REG_INPUTB_CLK == "NONE" ? SIGNEDB : signed_b_reg;
            wire signed [18:0] a_wide = {signed_a & a_in[17], a_in};
            wire signed [18:0] b_wide = {signed_b & b_in[17], b_in};
            wire signed [37:0] product_wide = a_wide * b_wide;
            wire [35:0] product = product_wide[35:0];
            reg [35:0] pipeline_reg = 36'd0;
            always @(posedge CLK0)
                if (RST0) pipeline_reg <= 36'd0;
                else if (CE0) pipeline_reg <= product;
            wire [35:0] pipelined = REG_PIPELINE_CLK == "NONE" ? product : pipeline_reg;
            reg [35:0] output_reg = 36'd0;
            always @(posedge CLK0)
                if (RST0) output_reg <= 36'd0;
                else if (CE0) output_reg <= pipelined;
            assign { {{MsbFirst("P", 36)}} } = REG_OUTPUT_CLK == "NONE" ? pipelined : output_reg;
        endmodule
        /* verilator lint_on UNUSED */

        """;

    public const string Dp16kdFileName = "DP16KD.v";

    /// <summary>
    /// DP16KD in the true dual-port ×18 mode <see cref="Dp16kd"/> uses: 1024 × 18 bits, byte
    /// enables on AD1/AD0, word address on AD13..AD4, CE gating each port, the three write modes,
    /// REGMODE NOREG or OUTREG, synchronous RST clearing the read data. Both ports run on CLKA
    /// (the library ties CLKA and CLKB to one clock); a same-word write on both ports stores B's.
    /// </summary>
    public static string Dp16kdModel { get; } = $$$"""
        // Behavioural stand-in for the ECP5 DP16KD in true dual-port x18 mode, for simulation
        // only (zfpe-hdl Ecp5SimulationModels). Both ports are clocked by CLKA. Never synthesise this file.
        /* verilator lint_off UNUSED */
        /* verilator lint_off WIDTH */
        module DP16KD #(
            parameter DATA_WIDTH_A = 18,
            parameter DATA_WIDTH_B = 18,
            parameter REGMODE_A = "NOREG",
            parameter REGMODE_B = "NOREG",
            parameter RESETMODE = "SYNC",
            parameter ASYNC_RESET_RELEASE = "SYNC",
            parameter CSDECODE_A = "0b000",
            parameter CSDECODE_B = "0b000",
            parameter WRITEMODE_A = "NORMAL",
            parameter WRITEMODE_B = "NORMAL",
            parameter GSR = "ENABLED"
        ) (
            input wire {{{Pins("DIA", 18)}}},
            input wire {{{Pins("ADA", 14)}}},
            input wire CEA, OCEA, CLKA, WEA, RSTA, CSA0, CSA1, CSA2,
            output wire {{{Pins("DOA", 18)}}},
            input wire {{{Pins("DIB", 18)}}},
            input wire {{{Pins("ADB", 14)}}},
            input wire CEB, OCEB, CLKB, WEB, RSTB, CSB0, CSB1, CSB2,
            output wire {{{Pins("DOB", 18)}}}
        );
            reg [17:0] mem [0:1023];
            wire [17:0] di_a = { {{{MsbFirst("DIA", 18)}}} };
            wire [17:0] di_b = { {{{MsbFirst("DIB", 18)}}} };
            wire [9:0] addr_a = { {{{string.Join(", ", Enumerable.Range(4, 10).Reverse().Select(i => $"ADA{i}"))}}} };
            wire [9:0] addr_b = { {{{string.Join(", ", Enumerable.Range(4, 10).Reverse().Select(i => $"ADB{i}"))}}} };
            wire [17:0] mask_a = { {9{ADA1}}, {9{ADA0}} };
            wire [17:0] mask_b = { {9{ADB1}}, {9{ADB0}} };
            wire [17:0] old_a = mem[addr_a];
            wire [17:0] old_b = mem[addr_b];
            wire [17:0] new_a = (old_a & ~mask_a) | (di_a & mask_a);
            wire [17:0] new_b = (old_b & ~mask_b) | (di_b & mask_b);
            reg [17:0] read_a = 18'd0;
            reg [17:0] read_b = 18'd0;
            reg [17:0] out_a = 18'd0;
            reg [17:0] out_b = 18'd0;
            always @(posedge CLKA) begin
                if (CEA && WEA) mem[addr_a] <= new_a;
                if (CEB && WEB) mem[addr_b] <= new_b;
                if (RSTA) read_a <= 18'd0;
                else if (CEA && (!WEA || WRITEMODE_A == "READBEFOREWRITE")) read_a <= old_a;
                else if (CEA && WRITEMODE_A == "WRITETHROUGH") read_a <= new_a;
                if (RSTB) read_b <= 18'd0;
                else if (CEB && (!WEB || WRITEMODE_B == "READBEFOREWRITE")) read_b <= old_b;
                else if (CEB && WRITEMODE_B == "WRITETHROUGH") read_b <= new_b;
                if (RSTA) out_a <= 18'd0;
                else if (OCEA) out_a <= read_a;
                if (RSTB) out_b <= 18'd0;
                else if (OCEB) out_b <= read_b;
            end
            assign { {{{MsbFirst("DOA", 18)}}} } = REGMODE_A == "OUTREG" ? out_a : read_a;
            assign { {{{MsbFirst("DOB", 18)}}} } = REGMODE_B == "OUTREG" ? out_b : read_b;
        endmodule
        /* verilator lint_on WIDTH */
        /* verilator lint_on UNUSED */

        """;

    /// <summary>
    /// The register primitives <see cref="IoRegister"/> instantiates (OFS1P3DX/BX, IFS1P3DX/BX,
    /// FD1S3AX/BX): a flip-flop on the rising clock edge that powers up as its type says (BX set,
    /// DX/AX clear), with the asynchronous set (PD) or clear (CD) and, in the I/O-cell types, the
    /// clock enable SP.
    /// </summary>
    public static string RegisterModel(string module)
    {
        var set = module.EndsWith("BX", StringComparison.Ordinal);
        var ioCell = module.StartsWith("OFS", StringComparison.Ordinal) || module.StartsWith("IFS", StringComparison.Ordinal);
        var clock = ioCell ? "SCLK" : "CK";
        var setClear = set ? "PD" : module == "FD1S3AX" ? null : "CD";
        var pins = string.Join(", ", new[] { setClear, "D", ioCell ? "SP" : null, clock }.Where(p => p is not null));
        var edge = setClear is null ? $"posedge {clock}" : $"posedge {clock} or posedge {setClear}";
        var value = set ? "1'b1" : "1'b0";
        return $$"""
            // Behavioural stand-in for the ECP5 {{module}}, for simulation only (zfpe-hdl
            // Ecp5SimulationModels). Never synthesise this file.
            /* verilator lint_off UNUSED */
            module {{module}} #(
                parameter GSR = "ENABLED"
            ) (
                input wire {{pins}},
                output reg Q
            );
                initial Q = {{value}};
                always @({{edge}})
                    {{(setClear is null ? "" : $"if ({setClear}) Q <= {value}; else ")}}{{(ioCell ? "if (SP) " : "")}}Q <= D;
            endmodule
            /* verilator lint_on UNUSED */

            """;
    }

    public const string Oddrx1fFileName = "ODDRX1F.v";

    /// <summary>ODDRX1F: D0 and D1 taken at the rising edge of SCLK; Q is D0 while SCLK is high, D1 (held over the falling edge) while it is low.</summary>
    public static string Oddrx1fModel { get; } = """
        // Behavioural stand-in for the ECP5 ODDRX1F, for simulation only (zfpe-hdl
        // Ecp5SimulationModels): Q = D0 in the high half of SCLK, D1 in the low half. Never synthesise this file.
        /* verilator lint_off UNUSED */
        module ODDRX1F #(
            parameter GSR = "ENABLED"
        ) (
            input wire SCLK, RST, D0, D1,
            output wire Q
        );
            reg first = 1'b0;
            reg second = 1'b0;
            reg second_low = 1'b0;
            always @(posedge SCLK) begin
                first <= RST ? 1'b0 : D0;
                second <= RST ? 1'b0 : D1;
            end
            always @(negedge SCLK) second_low <= second;
            assign Q = SCLK ? first : second_low;
        endmodule
        /* verilator lint_on UNUSED */

        """;

    public const string DccaFileName = "DCCA.v";

    /// <summary>DCCA: the clock buffer onto a global network, a wire while CE is high.</summary>
    public static string DccaModel { get; } = """
        // Behavioural stand-in for the ECP5 DCCA (a buffer onto a global network), for simulation
        // only (zfpe-hdl Ecp5SimulationModels). Never synthesise this file.
        module DCCA (
            input wire CLKI,
            input wire CE,
            output wire CLKO
        );
            assign CLKO = CE & CLKI;
        endmodule

        """;

    public const string BbFileName = "BB.v";

    /// <summary>BB: the pad B driven with I while T is low, released while T is high; O reads the pad. For lint: the bridge drives no inout port.</summary>
    public static string BbModel { get; } = """
        // Behavioural stand-in for the ECP5 BB (bidirectional buffer), for lint and event-driven
        // simulators only (zfpe-hdl Ecp5SimulationModels). Never synthesise this file.
        module BB (
            input wire I,
            input wire T,
            output wire O,
            inout wire B
        );
            assign B = T ? 1'bz : I;
            assign O = B;
        endmodule

        """;

    /// <summary>
    /// <paramref name="design"/> with the models of the primitives it instantiates appended and,
    /// when <paramref name="clockPort"/> is given, that top-level input marked as the clock the
    /// simulator drives (a board top clocked through a PLL has no implicit clk port).
    /// </summary>
    public static EmittedDesign ForSimulation(EmittedDesign design, Bool clockPort)
    {
        ArgumentNullException.ThrowIfNull(clockPort);
        return ForSimulation(design, clockPort.Name);
    }

    /// <inheritdoc cref="ForSimulation(EmittedDesign, Bool)"/>
    public static EmittedDesign ForSimulation(EmittedDesign design, string? clockPort = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        var files = design.Files.ToList();
        // The emitter writes every black-box instance with its parameters: "EHXPLLL #(".
        if (files.Any(f => f.Text.Contains("EHXPLLL #(", StringComparison.Ordinal))
            && files.All(f => f.FileName != EhxplllFileName))
            files.Insert(0, new VerilogFile("EHXPLLL", EhxplllFileName, EhxplllModel));
        if (files.Any(f => f.Text.Contains("MULT18X18D #(", StringComparison.Ordinal))
            && files.All(f => f.FileName != Mult18x18dFileName))
            files.Insert(0, new VerilogFile("MULT18X18D", Mult18x18dFileName, Mult18x18dModel));
        if (files.Any(f => f.Text.Contains("DP16KD #(", StringComparison.Ordinal))
            && files.All(f => f.FileName != Dp16kdFileName))
            files.Insert(0, new VerilogFile("DP16KD", Dp16kdFileName, Dp16kdModel));
        foreach (var module in new[] { "OFS1P3DX", "OFS1P3BX", "IFS1P3DX", "IFS1P3BX", "FD1S3AX", "FD1S3BX" })
            if (files.Any(f => f.Text.Contains(module + " #(", StringComparison.Ordinal))
                && files.All(f => f.FileName != module + ".v"))
                files.Insert(0, new VerilogFile(module, module + ".v", RegisterModel(module)));
        if (files.Any(f => f.Text.Contains("ODDRX1F #(", StringComparison.Ordinal))
            && files.All(f => f.FileName != Oddrx1fFileName))
            files.Insert(0, new VerilogFile("ODDRX1F", Oddrx1fFileName, Oddrx1fModel));
        if (files.Any(f => f.Text.Contains("    DCCA ", StringComparison.Ordinal))
            && files.All(f => f.FileName != DccaFileName))
            files.Insert(0, new VerilogFile("DCCA", DccaFileName, DccaModel));
        if (files.Any(f => f.Text.Contains("    BB ", StringComparison.Ordinal))
            && files.All(f => f.FileName != BbFileName))
            files.Insert(0, new VerilogFile("BB", BbFileName, BbModel));
        var ports = design.TopPorts;
        if (clockPort is not null)
        {
            var port = design.Port(clockPort);
            if (port.Width != 1 || port.Direction != PortDirection.Input)
                throw new ArgumentException($"the clock port '{clockPort}' of '{design.TopModule}' must be a 1-bit input; it is a {port.Width}-bit {port.Direction.ToString().ToLowerInvariant()}", nameof(clockPort));
            if (design.TopPorts.Any(p => p.Role == PortRole.Clock && p.Name != clockPort))
                throw new ArgumentException($"'{design.TopModule}' already has a clock port ({design.TopPorts.First(p => p.Role == PortRole.Clock).Name}); a simulation drives one clock", nameof(clockPort));
            ports = design.TopPorts.Select(p => p.Name == clockPort ? p with { Role = PortRole.Clock } : p).ToList();
        }
        return design with { Files = files, TopPorts = ports };
    }
}
