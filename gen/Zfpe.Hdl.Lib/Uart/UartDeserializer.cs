namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// The C# twin of <see cref="UartRx"/>: the same synchroniser, states and sampling points, cycle
/// for cycle, so a test can predict not only which bytes the receiver reports but in which cycle.
/// Feed it the level of the receiver's input pin in every cycle with <see cref="Push"/>; it
/// reports each byte in the cycle the hardware's output becomes valid, and each framing error in
/// the cycle the hardware pulses FramingError. (It has no output stream and so never overruns.)
/// </summary>
public sealed class UartDeserializer
{
    private enum State { Idle, StartBit, DataBits, StopBit, WaitForIdle }

    private readonly int _divisor;
    private readonly List<UartReceived> _received = [];
    private bool _meta = true, _line = true;
    private State _state = State.Idle;
    private int _cycleOfBit;
    private int _bitIndex;
    private int _data;
    private (byte Value, bool FramingError)? _reportNext;

    public UartDeserializer(int divisor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(divisor, UartConfig.MinDivisor);
        _divisor = divisor;
    }

    /// <summary>Cycles pushed so far; the cycle being pushed is numbered <c>Cycle</c> before the call.</summary>
    public long Cycle { get; private set; }

    public IReadOnlyList<UartReceived> Received => _received;

    public IEnumerable<byte> Bytes => _received.Where(r => !r.FramingError).Select(r => r.Value);

    /// <summary>One clock cycle with <paramref name="pin"/> on the receiver's input.</summary>
    public void Push(bool pin)
    {
        // Registered outputs: what the last edge latched is visible in this cycle.
        if (_reportNext is { } r) _received.Add(new UartReceived(r.Value, r.FramingError, Cycle));
        _reportNext = null;

        var sampleNow = _cycleOfBit == 0;
        var line = _line;
        switch (_state)
        {
            case State.Idle:
                if (!line)
                {
                    _state = State.StartBit;
                    _cycleOfBit = _divisor / 2 - 1;
                }
                break;
            case State.StartBit:
                if (!sampleNow) _cycleOfBit--;
                else if (line) _state = State.Idle;
                else
                {
                    _state = State.DataBits;
                    _bitIndex = 0;
                    _cycleOfBit = _divisor - 1;
                }
                break;
            case State.DataBits:
                if (!sampleNow) _cycleOfBit--;
                else
                {
                    _data = (_data >> 1) | (line ? 0x80 : 0);
                    _cycleOfBit = _divisor - 1;
                    if (_bitIndex++ == 7) _state = State.StopBit;
                }
                break;
            case State.StopBit:
                if (!sampleNow) _cycleOfBit--;
                else
                {
                    _state = line ? State.Idle : State.WaitForIdle;
                    _reportNext = ((byte)_data, !line);
                }
                break;
            case State.WaitForIdle:
                if (line) _state = State.Idle;
                break;
        }

        // The 2-flop synchroniser.
        _line = _meta;
        _meta = pin;
        Cycle++;
    }

    public void Push(IEnumerable<bool> levels)
    {
        foreach (var l in levels) Push(l);
    }
}
