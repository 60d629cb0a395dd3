using System.Runtime.InteropServices;

namespace Zfpe.Board.Tests.Support;

/// <summary>
/// A Linux pseudo-terminal pair: <see cref="SlavePath"/> is a tty device that a program opens
/// like a serial port; the test reads and writes the other end. The test keeps the slave open
/// itself, so the pair stays connected while the program under test comes and goes.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int ORdWr = 0x2, ONoCtty = 0x100, ONonBlock = 0x800;
    private const short PollIn = 0x1;
    private int _master;
    private int _slave;

    public PseudoTerminal()
    {
        _master = PosixOpenPt(ORdWr | ONoCtty);
        if (_master < 0 || GrantPt(_master) != 0 || UnlockPt(_master) != 0)
            throw new IOException($"cannot create a pseudo-terminal: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        SlavePath = Marshal.PtrToStringUTF8(PtsName(_master)) ?? throw new IOException("ptsname returned nothing");
        _slave = Open(SlavePath, ORdWr | ONoCtty | ONonBlock);
        if (_slave < 0) throw new IOException($"cannot open {SlavePath}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    public string SlavePath { get; }

    /// <summary>Bytes the program wrote to the slave, waiting at most <paramref name="timeoutMs"/>; empty when none.</summary>
    public byte[] Read(int timeoutMs)
    {
        var fds = new[] { new PollFd { Fd = _master, Events = PollIn } };
        if (Poll(fds, 1, timeoutMs) <= 0 || (fds[0].Revents & PollIn) == 0) return [];
        var buffer = new byte[4096];
        var n = ReadFd(_master, buffer, buffer.Length);
        return n <= 0 ? [] : buffer[..(int)n];
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        var done = 0;
        while (done < bytes.Length)
        {
            var n = WriteFd(_master, bytes[done..], bytes.Length - done);
            if (n < 0) throw new IOException($"writing to the pseudo-terminal failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            done += (int)n;
        }
    }

    public void Dispose()
    {
        if (_slave >= 0) Close(_slave);
        if (_master >= 0) Close(_master);
        _slave = _master = -1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)]
    private static extern int PosixOpenPt(int flags);

    [DllImport("libc", EntryPoint = "grantpt", SetLastError = true)]
    private static extern int GrantPt(int fd);

    [DllImport("libc", EntryPoint = "unlockpt", SetLastError = true)]
    private static extern int UnlockPt(int fd);

    [DllImport("libc", EntryPoint = "ptsname", SetLastError = true)]
    private static extern nint PtsName(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll([In, Out] PollFd[] fds, ulong count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadFd(int fd, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteFd(int fd, byte[] buffer, nint count);
}
