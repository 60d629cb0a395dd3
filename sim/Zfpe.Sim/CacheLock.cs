namespace Zfpe.Sim;

/// <summary>
/// An exclusive lock between processes on a file (flock underneath): held while a cache entry is
/// built, so that two test runs asking for the same model build it once.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    private CacheLock(FileStream stream) => _stream = stream;

    public static CacheLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        var wait = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(wait);
                if (wait < TimeSpan.FromMilliseconds(250)) wait *= 2;
            }
            catch (IOException e)
            {
                throw new IOException(
                    $"waited {timeout.TotalMinutes:0} min for the build lock {path}, held by another process building the same model; " +
                    "if no such process is running, delete the lock file and retry.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
