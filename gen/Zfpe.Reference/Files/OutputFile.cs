using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace Zfpe.Reference.Files;

/// <summary>
/// The one way the tools write a file a user named. Regular files are written atomically: a
/// temporary file in the same directory is renamed into place only when writing succeeded (and is
/// deleted on failure or when the process is interrupted), so no error leaves a partial or
/// clobbered output. Anything else is never replaced: devices, named pipes and open descriptors
/// (/dev/stdout) are written through; symbolic links are followed and their target is written;
/// a file with several hard links is rewritten in place; a directory, a socket or a read-only
/// file is refused. <see cref="Note"/> says which of these happened when it is not the plain case,
/// and <see cref="RefuseInput"/> refuses an output that is the same file as an input.
/// </summary>
public sealed partial class OutputFile
{
    /// <summary>Symbolic links followed before giving up, as Linux does (ELOOP).</summary>
    private const int MaxLinks = 40;

    private readonly string _label;
    private readonly int _descriptor;

    private OutputFile(string path, string label, OutputKind kind, string target, string? linkPath, int descriptor)
    {
        Path = path;
        _label = label;
        Kind = kind;
        Target = target;
        LinkPath = linkPath;
        _descriptor = descriptor;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>What the path names.</summary>
    public OutputKind Kind { get; }

    /// <summary>The full path that is written: the path itself, or the final target of its symbolic links.</summary>
    public string Target { get; }

    /// <summary>The symbolic link that was followed to <see cref="Target"/>, or null.</summary>
    public string? LinkPath { get; }

    /// <summary>True when the path names a regular file (new or existing), whose name carries its format.</summary>
    public bool NamesFile => Kind is OutputKind.NewFile or OutputKind.RegularFile or OutputKind.HardLinkedFile;

    /// <summary>True when the output is this process's standard output (then nothing else belongs on stdout).</summary>
    public bool IsStandardOutput => Kind == OutputKind.Descriptor && _descriptor == 1;

    /// <summary>How the output is written when it is not a plain atomic file write; null otherwise.</summary>
    public string? Note
    {
        get
        {
            string? how = Kind switch
            {
                OutputKind.CharacterDevice => "is a character device: written through it, not replaced",
                OutputKind.BlockDevice => "is a block device: written through it from its first byte, not replaced",
                OutputKind.Fifo => "is a named pipe (FIFO): written through it",
                OutputKind.Descriptor => $"is {DescriptorName(_descriptor)}: written through it",
                OutputKind.HardLinkedFile => "has several hard links: rewritten in place (not atomically) so that every link sees the new content",
                _ => null,
            };
            if (LinkPath is null)
                return how is null ? null : $"{_label} {how}";
            string followed = $"{_label} is a symbolic link: followed it to {Target}";
            return how is null ? $"{followed} and wrote that file" : $"{followed}, which {how}";
        }
    }

    /// <summary>
    /// Looks at <paramref name="path"/> and decides how to write it; throws an <see cref="IOException"/>
    /// naming <paramref name="option"/> when it cannot be written (a directory, a socket, a read-only
    /// file, a missing directory, a closed descriptor, a loop of links).
    /// </summary>
    public static OutputFile Resolve(string path, string? option = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string label = option is null ? path : $"{option} {path}";
        if (path.Length == 0)
            throw new IOException($"{option ?? "the output"} is an empty path: name a file");

        string current = System.IO.Path.GetFullPath(path);
        string? link = null;
        for (int hops = 0; ; hops++)
        {
            if (DescriptorOf(current) is { } descriptor)
            {
                if (UnixFileStatus.Of($"/proc/self/fd/{descriptor}", followLinks: true) is null)
                    throw new IOException($"{label} names descriptor {descriptor}, which is not open in this process");
                return new OutputFile(path, label, OutputKind.Descriptor, current, link, descriptor);
            }
            var status = UnixFileStatus.Of(current, followLinks: false);
            if (status is null)
                return NewFile(path, label, current, link);
            if (status.Value.Type != UnixFileType.SymbolicLink)
                return Existing(path, label, current, link, status.Value);
            if (hops == MaxLinks)
                throw new IOException($"{label}: more than {MaxLinks} symbolic links in a row (a loop?)");
            string target = new FileInfo(current).LinkTarget!;
            link ??= path;
            current = System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(current) ?? "/");
        }
    }

    /// <summary>
    /// Throws an <see cref="IOException"/> when the output is the same file as the input at
    /// <paramref name="inputPath"/> (same device and inode, whatever the names), before anything is written.
    /// </summary>
    public void RefuseInput(string inputPath, string? inputOption = null)
    {
        var input = UnixFileStatus.Of(inputPath, followLinks: true);
        var output = UnixFileStatus.Of(Kind == OutputKind.Descriptor ? $"/proc/self/fd/{_descriptor}" : Target, followLinks: true);
        if (input is null || output is null || !input.Value.SameFileAs(output.Value))
            return;
        string inputLabel = inputOption is null ? inputPath : $"{inputOption} {inputPath}";
        string how = System.IO.Path.GetFullPath(inputPath) == System.IO.Path.GetFullPath(Path) ? "" : " (another name for it, by link or hard link)";
        throw new IOException($"{_label} is the same file as {inputLabel}{how}: writing it would destroy the input; choose another output (nothing was written)");
    }

    /// <summary>Throws an <see cref="IOException"/> when two outputs of one command would write the same file.</summary>
    public void RefuseOutput(OutputFile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool same = Target == other.Target && _descriptor == other._descriptor;
        if (!same && UnixFileStatus.Of(Target, followLinks: true) is { } mine && UnixFileStatus.Of(other.Target, followLinks: true) is { } theirs)
            same = mine.SameFileAs(theirs) && Kind is not (OutputKind.CharacterDevice or OutputKind.Descriptor);
        if (same)
            throw new IOException($"{_label} and {other._label} are the same file: one would overwrite the other; name two different outputs (nothing was written)");
    }

    /// <summary>Writes the output with <paramref name="write"/>, as <see cref="Kind"/> requires.</summary>
    public void Write(Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        switch (Kind)
        {
            case OutputKind.NewFile:
            case OutputKind.RegularFile:
                WriteAtomically(write);
                break;
            case OutputKind.Descriptor:
                using (var stream = new FileStream(new SafeFileHandle(_descriptor, ownsHandle: false), FileAccess.Write, 1 << 16))
                    WriteAndFlush(stream, write);
                break;
            default:
                // Devices, pipes and hard-linked files are opened as they are: never truncated by
                // creating a new file in their place (hard-linked files are truncated in place).
                var mode = Kind == OutputKind.HardLinkedFile ? FileMode.Truncate : FileMode.Open;
                using (var stream = new FileStream(Target, mode, FileAccess.Write, FileShare.ReadWrite, 1 << 16))
                    WriteAndFlush(stream, write);
                break;
        }
    }

    public void WriteAllBytes(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(s => s.Write(copy));
    }

    /// <summary>Resolves <paramref name="path"/> and writes it (see <see cref="Resolve"/> and <see cref="Write(Action{Stream})"/>).</summary>
    public static void Write(string path, Action<Stream> write) => Resolve(path).Write(write);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => Resolve(path).WriteAllBytes(bytes);

    private void WriteAtomically(Action<Stream> write)
    {
        string directory = System.IO.Path.GetDirectoryName(Target) ?? "/";
        string temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Target)}.{Guid.NewGuid():N}.tmp");
        TemporaryFiles.Add(temporary);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                WriteAndFlush(stream, write);
            if (Kind == OutputKind.RegularFile && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(Target));
            TemporaryFiles.Commit(temporary, () => File.Move(temporary, Target, overwrite: true));
        }
        catch
        {
            TemporaryFiles.Discard(temporary);
            throw;
        }
    }

    private static void WriteAndFlush(FileStream stream, Action<Stream> write)
    {
        write(stream);
        stream.Flush(flushToDisk: false);
    }

    private static OutputFile NewFile(string path, string label, string target, string? link)
    {
        string directory = System.IO.Path.GetDirectoryName(target) ?? "/";
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"cannot write {label}: directory {directory} does not exist; create it first");
        return new OutputFile(path, label, OutputKind.NewFile, target, link, -1);
    }

    private static OutputFile Existing(string path, string label, string target, string? link, UnixFileStatus status)
    {
        var kind = status.Type switch
        {
            UnixFileType.Regular => status.LinkCount > 1 ? OutputKind.HardLinkedFile : OutputKind.RegularFile,
            UnixFileType.CharacterDevice => OutputKind.CharacterDevice,
            UnixFileType.BlockDevice => OutputKind.BlockDevice,
            UnixFileType.Fifo => OutputKind.Fifo,
            UnixFileType.Directory => throw new IOException(
                $"{label} is a directory{(link is null ? "" : $" (through the link to {target})")}: name a file, for example {System.IO.Path.Combine(path, "output")}"),
            _ => throw new IOException($"{label} is a socket: name a file, a device or a named pipe"),
        };
        if (!UnixFileStatus.Writable(target))
            throw new IOException($"{label} is not writable (permission denied){(link is null ? "" : $" (the link's target {target})")}: it was left as it is");
        return new OutputFile(path, label, kind, target, link, -1);
    }

    /// <summary>The descriptor a /dev/stdout-like path stands for, or null.</summary>
    private static int? DescriptorOf(string fullPath)
    {
        switch (fullPath)
        {
            case "/dev/stdin": return 0;
            case "/dev/stdout": return 1;
            case "/dev/stderr": return 2;
        }
        var match = DescriptorPath().Match(fullPath);
        if (!match.Success)
            return null;
        string process = match.Groups[1].Value;
        if (process is not ("self" or "thread-self" or "") && process != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            return null;
        return int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int fd) ? fd : null;
    }

    private static string DescriptorName(int descriptor) => descriptor switch
    {
        0 => "standard input",
        1 => "standard output",
        2 => "standard error",
        _ => $"open descriptor {descriptor}",
    };

    [GeneratedRegex(@"^(?:/dev|/proc/(self|thread-self|\d+))/fd/(\d+)$")]
    private static partial Regex DescriptorPath();
}
