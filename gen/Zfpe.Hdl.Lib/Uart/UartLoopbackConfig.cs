using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Uart;

/// <summary>The parameters of a <see cref="UartLoopback"/>: its clock, the line rate and the FIFO that absorbs bursts.</summary>
public sealed record UartLoopbackConfig(
    [property: Parameter("clock-mhz", "clock of the logic in MHz", Min = 1, Max = 400)] int ClockMhz = 100,
    [property: Parameter("baud", "bits per second (8N1)", Min = 300, Max = 3_000_000)] long Baud = 3_000_000,
    [property: Parameter("depth", "FIFO depth in bytes", Min = 1, Max = 4096)] int Depth = 16)
{
    public UartConfig Uart => new(ClockMhz * 1_000_000L, Baud);
}
