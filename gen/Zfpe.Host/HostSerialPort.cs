using System.Runtime.InteropServices;

namespace Zfpe.Host;

/// <summary>
/// A Linux serial device (the ULX3S's FT231X appears as /dev/ttyUSB0) in raw mode: 8N1, no
/// flow control, no echo, no line editing, at one of the standard termios speeds. Plain libc
/// calls (open, termios, poll, read, write). System.IO.Ports is served here now, but its Unix
/// implementation queries the modem lines (TIOCMGET) that a pseudo-terminal does not have, which
/// the tests use to stand in for the board; this class needs nothing a pty lacks.
/// </summary>
public sealed class HostSerialPort : HostLink
{
    private static readonly Dictionary<int, uint> Speeds = new()
    {
        [9600] = 0x0D, [19200] = 0x0E, [38400] = 0x0F, [57600] = 0x1001, [115200] = 0x1002, [230400] = 0x1003,
        [460800] = 0x1004, [500000] = 0x1005, [576000] = 0x1006, [921600] = 0x1007, [1000000] = 0x1008,
        [1152000] = 0x1009, [1500000] = 0x100A, [2000000] = 0x100B, [2500000] = 0x100C, [3000000] = 0x100D,
    };

    // <fcntl.h>, <termios.h>, <poll.h> on Linux (x86_64 and arm64 share these values and the layout).
    private const int ORdWr = 0x2, ONoCtty = 0x100, ONonBlock = 0x800;
    private const int TcsaNow = 0, TcIoFlush = 2;
    private const int CFlagOffset = 8, CcOffset = 17, VTime = 5, VMin = 6;
    private const uint Clocal = 0x800, Cread = 0x80, Crtscts = 0x80000000;
    private const short PollIn = 0x1, PollOut = 0x4;
    private const int WriteStallMs = 5000;
    private const int Eintr = 4, Eagain = 11;

    private int _fd;

    public HostSerialPort(string path, int baudRate)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("zfpe host talks to the serial device through Linux termios; run it on Linux");
        if (!Speeds.TryGetValue(baudRate, out var speed))
            throw new ArgumentException($"--baud {baudRate} is not a speed the serial driver can set: use one of {string.Join(", ", Speeds.Keys)}");
        if (!File.Exists(path))
            throw new IOException($"the serial device {path} does not exist: plug the ULX3S into USB port US1 and look for it with `ls /dev/ttyUSB* /dev/serial/by-id/`, then pass --port");
        Path = path;
        BaudRate = baudRate;
        _fd = Open(path, ORdWr | ONoCtty | ONonBlock);
        if (_fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == 13
                ? $"cannot open {path}: permission denied; add yourself to its group (`ls -l {path}`, usually dialout: sudo usermod -aG dialout $USER, then log in again)"
                : $"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        try
        {
            Configure(speed);
        }
        catch
        {
            Close(_fd);
            _fd = -1;
            throw;
        }
    }

    public string Path { get; }

    public int BaudRate { get; }

    public override string Description => $"{Path} at {BaudRate} bit/s";

    private void Configure(uint speed)
    {
        var termios = new byte[64]; // struct termios is 60 bytes on Linux; a little spare
        Check(TcGetAttr(_fd, termios), "read the terminal settings of");
        CfMakeRaw(termios);
        var cflag = BitConverter.ToUInt32(termios, CFlagOffset);
        cflag = (cflag | Clocal | Cread) & ~Crtscts;
        BitConverter.GetBytes(cflag).CopyTo(termios, CFlagOffset);
        termios[CcOffset + VMin] = 0;
        termios[CcOffset + VTime] = 0;
        Check(CfSetISpeed(termios, speed), "set the input speed of");
        Check(CfSetOSpeed(termios, speed), "set the output speed of");
        Check(TcSetAttr(_fd, TcsaNow, termios), "apply raw mode to");
        TcFlush(_fd, TcIoFlush);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        var rest = data.ToArray();
        var fds = new[] { new PollFd { Fd = Fd, Events = PollOut } };
        while (rest.Length > 0)
        {
            var n = WriteFd(Fd, rest, rest.Length);
            if (n >= 0)
            {
                rest = rest[(int)n..];
                continue;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr) continue;
            // The descriptor is non-blocking: wait until the driver's buffer has room.
            if (errno == Eagain && Poll(fds, 1, WriteStallMs) > 0) continue;
            throw new IOException(errno == Eagain
                ? $"writing to {Path} stalled for {WriteStallMs / 1000} s: the serial driver accepts no more data (was the board unplugged?)"
                : $"writing to {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (was the board unplugged?)");
        }
    }

    public override int Read(Span<byte> buffer, TimeSpan timeout)
    {
        if (buffer.IsEmpty) return 0;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var fds = new[] { new PollFd { Fd = Fd, Events = PollIn } };
        while (true)
        {
            var wait = (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            var ready = Poll(fds, 1, wait);
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Eintr) continue;
                throw new IOException($"waiting for {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
            if (ready == 0) return 0;
            var chunk = new byte[buffer.Length];
            var n = ReadFd(Fd, chunk, chunk.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Eintr or Eagain) continue;
                throw new IOException($"reading from {Path} failed: {Marshal.GetPInvokeErrorMessage(errno)} (was the board unplugged?)");
            }
            if (n == 0)
            {
                // A hang-up (the device went away) reads as end of file once poll says readable.
                if ((fds[0].Revents & 0x10) != 0 || Environment.TickCount64 >= deadline) return 0;
                Thread.Sleep(1);
                continue;
            }
            chunk.AsSpan(0, (int)n).CopyTo(buffer);
            return (int)n;
        }
    }

    public override void DiscardInput() => TcFlush(Fd, 0);

    protected override void Dispose(bool disposing)
    {
        if (_fd >= 0)
        {
            Close(_fd);
            _fd = -1;
        }
    }

    private int Fd => _fd >= 0 ? _fd : throw new ObjectDisposedException(nameof(HostSerialPort), $"{Path} is closed");

    private void Check(int result, string what)
    {
        if (result != 0)
            throw new IOException($"cannot {what} {Path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())} (is it a serial device?)");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static extern int TcGetAttr(int fd, byte[] termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static extern int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    private static extern void CfMakeRaw(byte[] termios);

    [DllImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    private static extern int CfSetISpeed(byte[] termios, uint speed);

    [DllImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    private static extern int CfSetOSpeed(byte[] termios, uint speed);

    [DllImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    private static extern int TcFlush(int fd, int queueSelector);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll([In, Out] PollFd[] fds, ulong count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadFd(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteFd(int fd, byte[] buffer, nint count);
}
