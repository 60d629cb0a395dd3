using Zfpe.Hdl.Emit;

namespace Zfpe.Hdl.Lib.Ecp5;

/// <summary>
/// Behavioural models of the ECP5 primitives this library instantiates, for simulation only.
/// Synthesis must never see them (Yosys has the real primitives), so they are not part of an
/// emitted design: <see cref="ForSimulation"/> returns a copy of the design with the models of
/// the primitives it uses appended.
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

    /// <summary>
    /// <paramref name="design"/> with the models of the primitives it instantiates appended and,
    /// when <paramref name="clockPort"/> is given, that top-level input marked as the clock the
    /// simulator drives (a board top clocked through a PLL has no implicit clk port).
    /// </summary>
    public static EmittedDesign ForSimulation(EmittedDesign design, string? clockPort = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        var files = design.Files.ToList();
        // The emitter writes every black-box instance with its parameters: "EHXPLLL #(".
        if (files.Any(f => f.Text.Contains("EHXPLLL #(", StringComparison.Ordinal))
            && files.All(f => f.FileName != EhxplllFileName))
            files.Insert(0, new VerilogFile("EHXPLLL", EhxplllFileName, EhxplllModel));
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
