using System.Runtime.Versioning;
using Zfpe.Reference.Files;
using static Zfpe.Reference.Tests.Support.Coreutils;

namespace Zfpe.Reference.Tests.Files;

/// <summary>
/// Every kind of path an output can name: regular files are replaced atomically, everything else
/// is written through or refused, and nothing a user had is destroyed.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OutputFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("output-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        string path = PathOf("out.bin");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_regular_file_is_replaced_atomically_and_keeps_its_permissions()
    {
        string path = PathOf("out.bin");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var output = OutputFile.Resolve(path, "--out");
        Assert.Equal(OutputKind.RegularFile, output.Kind);
        Assert.Null(output.Note);
        output.WriteAllBytes(new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Writing_into_a_missing_directory_says_so()
    {
        string path = Path.Combine(_directory, "missing", "out.bin");
        var e = Assert.Throws<DirectoryNotFoundException>(() => OutputFile.WriteAllBytes(path, new byte[1]));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void A_directory_is_refused_directly_and_through_a_link()
    {
        string directory = PathOf("sub");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "keep.txt"), "mine");
        var e = Assert.Throws<IOException>(() => OutputFile.Resolve(directory, "--out"));
        Assert.Equal($"--out {directory} is a directory: name a file, for example {directory}/output", e.Message);

        string link = PathOf("to-sub");
        File.CreateSymbolicLink(link, directory);
        e = Assert.Throws<IOException>(() => OutputFile.Resolve(link, "--out"));
        Assert.Contains($"is a directory (through the link to {directory})", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(directory, "keep.txt")));
        Assert.Equal("directory", TypeOf(directory));
    }

    [Fact]
    public void A_character_device_is_written_through_and_stays_a_device()
    {
        string device = NullDevice(_directory);
        bool own = device != "/dev/null";
        var output = OutputFile.Resolve(device, "--out");
        Assert.Equal(OutputKind.CharacterDevice, output.Kind);
        Assert.Equal($"--out {device} is a character device: written through it, not replaced", output.Note);
        output.WriteAllBytes(new byte[1000]);
        Assert.Equal("character special file", TypeOf(device));
        Assert.Equal(own ? new[] { device } : [], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_named_pipe_is_written_through_to_its_reader()
    {
        string fifo = PathOf("pipe");
        Run("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        var output = OutputFile.Resolve(fifo, "--out");
        Assert.Equal(OutputKind.Fifo, output.Kind);
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        output.WriteAllBytes(data);
        Assert.Equal(data, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("fifo", TypeOf(fifo));
        Assert.Equal(new[] { fifo }, Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_symbolic_link_is_followed_and_stays_a_link()
    {
        string target = PathOf("real.bin"), link = PathOf("link.bin"), link2 = PathOf("link2.bin");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, "real.bin");
        File.CreateSymbolicLink(link2, link);
        var output = OutputFile.Resolve(link2, "--out");
        Assert.Equal(OutputKind.RegularFile, output.Kind);
        Assert.Equal(target, output.Target);
        Assert.Equal($"--out {link2} is a symbolic link: followed it to {target} and wrote that file", output.Note);
        output.WriteAllBytes(new byte[] { 7 });
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(target));
        Assert.Equal("link", TypeOf(link));
        Assert.Equal("link", TypeOf(link2));
    }

    [Fact]
    public void A_dangling_link_creates_its_target()
    {
        string link = PathOf("dangling.bin"), target = PathOf("later.bin");
        File.CreateSymbolicLink(link, target);
        var output = OutputFile.Resolve(link);
        Assert.Equal(OutputKind.NewFile, output.Kind);
        output.WriteAllBytes(new byte[] { 9 });
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(target));
        Assert.Equal("link", TypeOf(link));
    }

    [Fact]
    public void A_loop_of_links_is_refused()
    {
        string a = PathOf("a"), b = PathOf("b");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        var e = Assert.Throws<IOException>(() => OutputFile.Resolve(a, "--out"));
        Assert.Contains("more than 40 symbolic links in a row", e.Message);
    }

    [Fact]
    public void A_hard_linked_file_is_rewritten_in_place_so_every_name_sees_it()
    {
        string first = PathOf("first.bin"), second = PathOf("second.bin");
        File.WriteAllText(first, "old content");
        Run("ln", first, second);
        var output = OutputFile.Resolve(second, "--out");
        Assert.Equal(OutputKind.HardLinkedFile, output.Kind);
        Assert.Contains("has several hard links: rewritten in place", output.Note);
        output.WriteAllBytes(new byte[] { 1, 2 });
        Assert.Equal(new byte[] { 1, 2 }, File.ReadAllBytes(first));
        Assert.Equal(new byte[] { 1, 2 }, File.ReadAllBytes(second));
    }

    [Fact]
    public void A_read_only_file_is_refused_unless_the_user_may_write_it_anyway()
    {
        string path = PathOf("ro.bin");
        File.WriteAllText(path, "keep");
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        if (Environment.UserName == "root")
        {
            // root may write any file (as cp does); the replacement keeps the read-only mode.
            OutputFile.WriteAllBytes(path, new byte[] { 5 });
            Assert.Equal(new byte[] { 5 }, File.ReadAllBytes(path));
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
            return;
        }
        var e = Assert.Throws<IOException>(() => OutputFile.Resolve(path, "--out"));
        Assert.Contains("is not writable (permission denied)", e.Message);
        Assert.Equal("keep", File.ReadAllText(path));
    }

    [Fact]
    public void Standard_streams_and_descriptors_are_recognised_and_a_closed_one_refused()
    {
        Assert.Equal(OutputKind.Descriptor, OutputFile.Resolve("/dev/stdout").Kind);
        Assert.True(OutputFile.Resolve("/dev/stdout").IsStandardOutput);
        Assert.True(OutputFile.Resolve("/proc/self/fd/1").IsStandardOutput);
        Assert.True(OutputFile.Resolve("/dev/fd/1").IsStandardOutput);
        Assert.Equal("--out /dev/stdout is standard output: written through it", OutputFile.Resolve("/dev/stdout", "--out").Note);
        string link = PathOf("to-stdout");
        File.CreateSymbolicLink(link, "/dev/stdout");
        Assert.True(OutputFile.Resolve(link).IsStandardOutput);
        var e = Assert.Throws<IOException>(() => OutputFile.Resolve("/dev/fd/987", "--out"));
        Assert.Equal("--out /dev/fd/987 names descriptor 987, which is not open in this process", e.Message);
    }

    [Fact]
    public void An_output_that_is_the_input_is_refused_by_inode_not_by_name()
    {
        string input = PathOf("w.npy"), hard = PathOf("hard.npy"), soft = PathOf("soft.npy"), other = PathOf("other.npy");
        File.WriteAllText(input, "tensor");
        Run("ln", input, hard);
        File.CreateSymbolicLink(soft, input);
        File.WriteAllText(other, "x");

        var same = Assert.Throws<IOException>(() => OutputFile.Resolve(input, "--out").RefuseInput(input, "--in"));
        Assert.Equal($"--out {input} is the same file as --in {input}: writing it would destroy the input; choose another output (nothing was written)", same.Message);
        foreach (var alias in new[] { hard, soft, Path.Combine(_directory, ".", "w.npy") })
        {
            var e = Assert.Throws<IOException>(() => OutputFile.Resolve(alias, "--out").RefuseInput(input, "--in"));
            Assert.Contains("is the same file as --in", e.Message);
        }
        OutputFile.Resolve(other, "--out").RefuseInput(input, "--in");
        OutputFile.Resolve(PathOf("new.npy"), "--out").RefuseInput(input, "--in");
        Assert.Equal("tensor", File.ReadAllText(input));
    }
}
