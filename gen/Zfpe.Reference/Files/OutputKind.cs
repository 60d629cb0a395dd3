namespace Zfpe.Reference.Files;

/// <summary>What an output path names, which decides how <see cref="OutputFile"/> writes it.</summary>
public enum OutputKind
{
    /// <summary>Nothing yet: created through a temporary file renamed into place.</summary>
    NewFile,

    /// <summary>An existing regular file: replaced atomically (temporary file, then rename), keeping its permissions.</summary>
    RegularFile,

    /// <summary>A regular file with more than one hard link: rewritten in place so that every link sees the new content.</summary>
    HardLinkedFile,

    /// <summary>A character device such as /dev/null: written through, never replaced.</summary>
    CharacterDevice,

    /// <summary>A block device: written through from its first byte, never replaced.</summary>
    BlockDevice,

    /// <summary>A named pipe: written through (the write waits for a reader).</summary>
    Fifo,

    /// <summary>An open descriptor of this process (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N): written through it.</summary>
    Descriptor,
}
