namespace Zfpe.Reference.Files;

/// <summary>The kinds of file a Unix path can name (the S_IFMT bits of st_mode).</summary>
internal enum UnixFileType
{
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
}
