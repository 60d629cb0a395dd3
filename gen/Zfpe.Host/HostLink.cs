namespace Zfpe.Host;

/// <summary>
/// A byte pipe to the board: the serial port (<see cref="HostSerialPort"/>), or in tests the
/// simulated board behind its UART pins. <see cref="HostSession"/> speaks the protocol over it.
/// </summary>
public abstract class HostLink : IDisposable
{
    /// <summary>What the link is, for messages ("/dev/ttyUSB0 at 3000000 bit/s").</summary>
    public abstract string Description { get; }

    public abstract void Write(ReadOnlySpan<byte> data);

    /// <summary>Reads what is available, up to <c>buffer.Length</c> bytes, waiting at most <paramref name="timeout"/> for the first; 0 when none came.</summary>
    public abstract int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops whatever was received and not read yet.</summary>
    public abstract void DiscardInput();

    /// <summary>Fills <paramref name="buffer"/>; throws <see cref="TimeoutException"/> when the line stays quiet for <paramref name="timeout"/>.</summary>
    public void ReadExactly(Span<byte> buffer, TimeSpan timeout, string what)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = Read(buffer[done..], timeout);
            if (n == 0)
                throw new TimeoutException(done == 0
                    ? $"no reply to the {what} on {Description} within {timeout.TotalSeconds:0.###} s"
                    : $"the {what} reply on {Description} stopped after {done} of {buffer.Length} bytes (nothing for {timeout.TotalSeconds:0.###} s)");
            done += n;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
