using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Zfpe.Reference.Files;

/// <summary>
/// What the file system says about a path: its type, which file it is (device and inode) and its
/// hard-link count. .NET does not expose these, so they come from Linux's statx(2), whose result
/// has the same layout on every architecture. Where statx is missing the answers are what .NET
/// can tell (directories, symbolic links, regular files), and files are identified by full path.
/// </summary>
internal readonly record struct UnixFileStatus(UnixFileType Type, string Identity, uint LinkCount)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint BasicStats = 0x7FF;
    private const int StatxSize = 256;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            var buffer = new byte[StatxSize];
            return statx(AtFdCwd, "/", 0, BasicStats, buffer) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    });

    /// <summary>The status of <paramref name="path"/>, following symbolic links or not; null when nothing is there.</summary>
    public static UnixFileStatus? Of(string path, bool followLinks)
    {
        if (!Available.Value)
            return Portable(path, followLinks);
        var buffer = new byte[StatxSize];
        if (statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, BasicStats, buffer) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
                return null;
            throw new IOException($"cannot inspect {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        uint mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var type = (mode & 0xF000) switch
        {
            0x8000 => UnixFileType.Regular,
            0x4000 => UnixFileType.Directory,
            0xA000 => UnixFileType.SymbolicLink,
            0x2000 => UnixFileType.CharacterDevice,
            0x6000 => UnixFileType.BlockDevice,
            0x1000 => UnixFileType.Fifo,
            _ => UnixFileType.Socket,
        };
        uint major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)), minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        return new UnixFileStatus(type, $"device {major}:{minor} inode {inode}", BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(16)));
    }

    /// <summary>True when both statuses name the same file (same device and inode).</summary>
    public bool SameFileAs(UnixFileStatus other) => Identity == other.Identity;

    /// <summary>Whether this process may write <paramref name="path"/> (access(2) with W_OK).</summary>
    public static bool Writable(string path)
    {
        if (!Available.Value)
            return !new FileInfo(path).IsReadOnly;
        return access(path, 2) == 0;
    }

    private static UnixFileStatus? Portable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (followLinks && info.LinkTarget is not null)
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        if (!info.Exists && info.LinkTarget is null)
            return null;
        var type = info.LinkTarget is not null ? UnixFileType.SymbolicLink
            : info.Attributes.HasFlag(FileAttributes.Directory) ? UnixFileType.Directory
            : UnixFileType.Regular;
        // Without inodes, the full path stands for the file's identity.
        return new UnixFileStatus(type, "path " + Path.GetFullPath(info.FullName), 1);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
