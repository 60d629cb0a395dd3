namespace Zfpe.TestSupport;

/// <summary>A fresh directory under the system temp folder, deleted when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("zfpe-tests-").FullName;

    public string Path { get; }

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The same as <see cref="Sub"/>, for files.</summary>
    public string File(string name) => Sub(name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder are harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
