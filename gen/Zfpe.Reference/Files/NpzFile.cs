using System.IO.Compression;

namespace Zfpe.Reference.Files;

/// <summary>
/// NumPy .npz archives (np.savez, np.savez_compressed): a zip file with one .npy entry per array,
/// named "<array>.npy". An array is chosen by name; with a single array the name may be left
/// out. Each entry is read as a stream with the .npy reader's checks, so a damaged entry is
/// reported with its name and the byte offset inside it.
/// </summary>
public static class NpzFile
{
    /// <summary>The array names in the archive at <paramref name="path"/>, in archive order.</summary>
    public static IReadOnlyList<string> Names(string path)
    {
        using var archive = Open(path);
        return Arrays(archive).Select(e => e.Name).ToList();
    }

    /// <summary>
    /// Reads array <paramref name="name"/> (or the only array when <paramref name="name"/> is null).
    /// Errors are <see cref="InvalidDataException"/>s naming the file and the array.
    /// </summary>
    public static Tensor Read(string path, string? name)
    {
        using var archive = Open(path);
        var arrays = Arrays(archive);
        string list = arrays.Count == 0 ? "none" : string.Join(", ", arrays.Select(a => a.Name));
        ZipArchiveEntry entry;
        if (name is null)
        {
            if (arrays.Count != 1)
                throw new InvalidDataException($"{path} holds {arrays.Count} arrays ({list}): choose one by name");
            entry = arrays[0].Entry;
        }
        else
        {
            entry = arrays.FirstOrDefault(a => a.Name == name).Entry
                ?? throw new InvalidDataException($"{path} has no array '{name}': it holds {list}");
        }
        string label = $"{path}, array '{name ?? arrays[0].Name}'";
        try
        {
            using var stream = entry.Open();
            return NpyFile.Read(stream, entry.Length);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{label}: {e.Message}", e);
        }
    }

    private static ZipArchive Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new InvalidDataException($"{path}: not a .npz archive (a zip file of .npy arrays): {e.Message}", e);
        }
    }

    private static List<(string Name, ZipArchiveEntry Entry)> Arrays(ZipArchive archive) =>
        archive.Entries
            .Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
            .Select(e => (e.FullName[..^4], e))
            .ToList();
}
