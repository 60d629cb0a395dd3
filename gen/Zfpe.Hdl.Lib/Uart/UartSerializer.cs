namespace Zfpe.Hdl.Lib.Uart;

/// <summary>
/// The C# twin of <see cref="UartTx"/> and the stimulus for <see cref="UartRx"/>: turns bytes into
/// the 8N1 line level, one value per clock cycle. A frame is a start bit (0), 8 data bits LSB
/// first and a stop bit (1); the line idles high. The bit period may be fractional, to model a far
/// end whose baud rate differs from ours: bit i of a frame covers the cycles from
/// round(i · CyclesPerBit) to round((i + 1) · CyclesPerBit) − 1 after the frame starts.
/// </summary>
public sealed class UartSerializer
{
    private readonly Queue<(byte Value, int IdleBefore, bool StopBit)> _queue = new();
    private bool[]? _frame;
    private int _frameLength;
    private int _position;
    private int _idleLeft;
    private bool _idleLoaded;

    public UartSerializer(double cyclesPerBit)
    {
        if (!double.IsFinite(cyclesPerBit) || cyclesPerBit < 1)
            throw new ArgumentOutOfRangeException(nameof(cyclesPerBit), cyclesPerBit, "cycles per bit must be a finite number >= 1");
        CyclesPerBit = cyclesPerBit;
    }

    public double CyclesPerBit { get; }

    /// <summary>Cycles produced so far.</summary>
    public long Cycle { get; private set; }

    /// <summary>Frames started so far.</summary>
    public long FramesStarted { get; private set; }

    /// <summary>Nothing is queued and no frame is on the line.</summary>
    public bool IsIdle => _queue.Count == 0 && _frame is null;

    /// <summary>The 10 bits of the frame of <paramref name="value"/>, start bit first.</summary>
    public static bool[] FrameBits(byte value, bool stopBit = true)
    {
        var bits = new bool[10];
        for (var i = 0; i < 8; i++) bits[1 + i] = (value >> i & 1) != 0;
        bits[9] = stopBit;
        return bits;
    }

    /// <summary>The line level of a whole frame, one entry per cycle, for a whole number of cycles per bit.</summary>
    public static bool[] FrameWaveform(byte value, int cyclesPerBit, bool stopBit = true) =>
        FrameBits(value, stopBit).SelectMany(b => Enumerable.Repeat(b, cyclesPerBit)).ToArray();

    /// <summary>
    /// Queues a frame, sent after <paramref name="idleCyclesBefore"/> cycles of idle line (counted
    /// from the end of the previous frame); a false <paramref name="stopBit"/> makes a framing error.
    /// </summary>
    public void Enqueue(byte value, int idleCyclesBefore = 0, bool stopBit = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(idleCyclesBefore);
        _queue.Enqueue((value, idleCyclesBefore, stopBit));
    }

    public void Enqueue(IEnumerable<byte> values)
    {
        foreach (var v in values) Enqueue(v);
    }

    /// <summary>The line level in the next cycle.</summary>
    public bool Next()
    {
        Cycle++;
        if (_frame is null)
        {
            if (_queue.Count == 0) return true;
            if (!_idleLoaded)
            {
                _idleLeft = _queue.Peek().IdleBefore;
                _idleLoaded = true;
            }
            if (_idleLeft > 0)
            {
                _idleLeft--;
                return true;
            }
            var (value, _, stop) = _queue.Dequeue();
            _idleLoaded = false;
            _frame = FrameBits(value, stop);
            _frameLength = (int)Math.Round(10 * CyclesPerBit, MidpointRounding.AwayFromZero);
            _position = 0;
            FramesStarted++;
        }
        var bit = 0;
        while (bit < 9 && _position >= (int)Math.Round((bit + 1) * CyclesPerBit, MidpointRounding.AwayFromZero)) bit++;
        var level = _frame[bit];
        if (++_position == _frameLength) _frame = null;
        return level;
    }
}
