namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// What a UART receiver reports for one frame: the byte, or a framing error (the stop bit was 0),
/// and the cycle in which the receiver's output shows it.
/// </summary>
public readonly record struct UartReceived(byte Value, bool FramingError, long Cycle)
{
    public override string ToString() => FramingError ? $"framing error at cycle {Cycle}" : $"0x{Value:x2} at cycle {Cycle}";
}
