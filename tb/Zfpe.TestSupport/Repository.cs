namespace Zfpe.TestSupport;

/// <summary>The repository the tests run from (the directory holding Zfpe.Hdl.sln above the test binaries).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (System.IO.File.Exists(Path.Combine(d.FullName, "Zfpe.Hdl.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (Zfpe.Hdl.sln) above " + AppContext.BaseDirectory);
    }
}
