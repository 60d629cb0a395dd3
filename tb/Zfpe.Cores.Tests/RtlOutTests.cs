using Zfpe.Cores.Designs;

namespace Zfpe.Cores.Tests;

/// <summary>rtl-out/ holds every design's default configuration, committed; it must match the generator.</summary>
public class RtlOutTests
{
    public static TheoryData<string> Designs()
    {
        var data = new TheoryData<string>();
        foreach (var d in DesignCatalog.All) data.Add(d.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Committed_rtl_out_matches_the_generator(string name)
    {
        var design = DesignCatalog.Get(name);
        var settings = design.Resolve(new Dictionary<string, string>());
        var expected = DesignOutput.Render(design, settings, design.Emit(new Dictionary<string, string>()));
        var dir = Path.Combine(RepoRoot(), "rtl-out", name);
        const string fix = "run `make gen` (or ./zfpe gen <design> --out rtl-out/<design>) and commit rtl-out/";
        Assert.True(Directory.Exists(dir), $"{dir} is missing: {fix}");
        var actualFiles = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Select(f => f.Name).Order(StringComparer.Ordinal).SequenceEqual(actualFiles),
            $"rtl-out/{name} has files [{string.Join(", ", actualFiles)}] but the generator makes [{string.Join(", ", expected.Select(f => f.Name))}]: {fix}");
        foreach (var (file, text) in expected)
            Assert.True(File.ReadAllText(Path.Combine(dir, file)) == text, $"rtl-out/{name}/{file} is out of date: {fix}");
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Zfpe.Hdl.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (Zfpe.Hdl.sln) above " + AppContext.BaseDirectory);
    }
}
