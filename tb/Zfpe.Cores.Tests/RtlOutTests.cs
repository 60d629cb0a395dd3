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
        var dir = Path.Combine(Repository.Root, "rtl-out", name);
        const string fix = "run `make gen` (or ./zfpe gen <design> --out rtl-out/<design>) and commit rtl-out/";
        Assert.True(Directory.Exists(dir), $"{dir} is missing: {fix}");
        var actualFiles = Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Select(f => f.Name).Order(StringComparer.Ordinal).SequenceEqual(actualFiles),
            $"rtl-out/{name} has files [{string.Join(", ", actualFiles)}] but the generator makes [{string.Join(", ", expected.Select(f => f.Name))}]: {fix}");
        foreach (var (file, text) in expected)
            Assert.True(File.ReadAllText(Path.Combine(dir, file)) == text, $"rtl-out/{name}/{file} is out of date: {fix}");
    }

    [Fact]
    public void Rtl_out_has_a_folder_for_every_design_and_nothing_else()
    {
        var root = Path.Combine(Repository.Root, "rtl-out");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(DesignCatalog.All.Select(d => d.Name).Order(StringComparer.Ordinal), folders);
        Assert.True(File.Exists(Path.Combine(root, "README.md")), "rtl-out/README.md explains the folder");
    }

    [Fact]
    public void A_module_copied_into_several_design_folders_is_the_same_text_in_each()
    {
        var root = Path.Combine(Repository.Root, "rtl-out");
        var copies = Directory.GetDirectories(root)
            .SelectMany(d => Directory.GetFiles(d, "*.v"))
            .GroupBy(Path.GetFileName)
            .Where(g => g.Count() > 1)
            .ToList();
        Assert.NotEmpty(copies); // uart_rx.v, zfpe_compressor.v, ... are shared
        foreach (var g in copies)
        {
            var texts = g.Select(File.ReadAllText).Distinct().Count();
            Assert.True(texts == 1, $"{g.Key} differs between {string.Join(", ", g.Select(f => Path.GetFileName(Path.GetDirectoryName(f))))}");
        }
    }
}
