namespace Zfpe.TestSupport;

/// <summary>
/// A test class whose tests each get a fresh <see cref="TempDirectory"/> (xunit makes one instance
/// per test and disposes it after).
/// </summary>
public abstract class TempDirectoryTest : IDisposable
{
    protected TempDirectory Dir { get; } = new();

    public void Dispose()
    {
        Dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
