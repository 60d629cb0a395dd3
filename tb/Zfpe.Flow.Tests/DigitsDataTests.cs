using System.IO.Compression;
using System.Text;
using Zfpe.Flow.Tests.Sweep;

namespace Zfpe.Flow.Tests;

/// <summary>
/// The digits data set comes from python3-sklearn's .deb without installing scikit-learn
/// (scripts/fetch-digits.sh, run by install-deps.sh), and zfpe finds it where that script puts it
/// or where ZFPE_DIGITS says.
/// </summary>
public sealed class DigitsDataTests : TempDirectoryTest
{
    private const string Member = "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
            gzip.Write(Encoding.ASCII.GetBytes(text));
        return buffer.ToArray();
    }

    [Fact]
    public void Fetch_digits_extracts_the_one_file_from_the_package_apt_get_downloads()
    {
        // A stand-in python3-sklearn .deb (the data file and something else), and an apt-get that "downloads" it.
        string tree = Dir.Sub("pkg"), bin = Dir.Sub("bin"), deb = Dir.Sub("python3-sklearn_1.2.1+dfsg-1_all.deb");
        Directory.CreateDirectory(Path.Combine(tree, "DEBIAN"));
        File.WriteAllText(Path.Combine(tree, "DEBIAN", "control"),
            "Package: python3-sklearn\nVersion: 1.2.1+dfsg-1\nArchitecture: all\nMaintainer: test <t@example.org>\nDescription: stand-in\n");
        var data = Gzip("0,1,2,3\n");
        Directory.CreateDirectory(Path.Combine(tree, Path.GetDirectoryName(Member)!));
        File.WriteAllBytes(Path.Combine(tree, Member), data);
        File.WriteAllText(Path.Combine(tree, Path.GetDirectoryName(Member)!, "other.csv"), "not wanted");
        var build = ProcessRunner.Shell($"dpkg-deb --root-owner-group --build '{tree}' '{deb}'", new Dictionary<string, string>(), Timeout);
        Assert.True(build.ExitCode == 0, build.ToString());
        Directory.CreateDirectory(bin);
        string fake = Path.Combine(bin, "apt-get");
        File.WriteAllText(fake, $"#!/bin/sh\n[ \"$1 $2 $3\" = \"download -q python3-sklearn\" ] || exit 9\ncp '{deb}' .\n");
        Assert.Equal(0, ProcessRunner.Shell($"chmod +x '{fake}'", new Dictionary<string, string>(), Timeout).ExitCode);

        string destination = Dir.Sub("share/zfpe/digits.csv.gz");
        var environment = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
        string script = Repository.File("scripts", "fetch-digits.sh");
        var run = ProcessRunner.Shell($"bash '{script}' '{destination}'", environment, Timeout);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(data, File.ReadAllBytes(destination));
        Assert.Equal([destination], Directory.GetFiles(Path.GetDirectoryName(destination)!));
        Assert.Contains($"fetch-digits: wrote {destination} from python3-sklearn_1.2.1+dfsg-1_all.deb", run.Stdout);

        var again = ProcessRunner.Shell($"bash '{script}' '{destination}'", new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Timeout);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("is already there", again.Stdout);
    }

    [Fact]
    public void Install_deps_fetches_the_data_instead_of_installing_scikit_learn()
    {
        string script = File.ReadAllText(Repository.File("scripts", "install-deps.sh"));
        Assert.DoesNotContain("python3-sklearn ", script.Split("if [[")[0]);
        Assert.Contains("fetch-digits.sh", script);
    }

    [Fact]
    public void Zfpe_reads_the_data_where_zfpe_digits_points_and_says_how_to_get_it_when_missing()
    {
        string copy = Dir.Sub("digits.csv.gz");
        var rows = string.Concat(Enumerable.Range(0, 1797).Select(i => string.Join(",", Enumerable.Range(0, 64).Select(j => (i + j) % 17)) + $",{i % 10}\n"));
        File.WriteAllBytes(copy, Gzip(rows));
        var jobs = Dir.Sub("jobs.txt");

        var found = ZfpeCli.RunIn(Dir.Path, new Dictionary<string, string> { ["ZFPE_DIGITS"] = copy }, Timeout,
            "sweep", "compressor", "--set", "b=5", "--digits", "--export", jobs);
        Assert.True(found.ExitCode == 0, found.ToString());
        Assert.Contains("--digits", File.ReadAllText(jobs));

        var missing = ZfpeCli.RunIn(Dir.Path, new Dictionary<string, string> { ["ZFPE_DIGITS"] = Dir.Sub("none.csv.gz") }, Timeout,
            "sweep", "compressor", "--set", "b=5", "--digits", "--export", jobs);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains($"the digits data set is missing (looked for {Dir.Sub("none.csv.gz")}): run scripts/fetch-digits.sh, which install-deps.sh runs, or set ZFPE_DIGITS", missing.Stderr);
    }
}
