using Zfpe.Reference.Files;

namespace Zfpe.Reference.Tests.Files;

public class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        string directory = Directory.CreateTempSubdirectory("atomic-").FullName;
        try
        {
            string path = Path.Combine(directory, "out.bin");
            File.WriteAllText(path, "old");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
            {
                s.WriteByte(1);
                throw new InvalidOperationException("boom");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_successful_write_replaces_the_file()
    {
        string directory = Directory.CreateTempSubdirectory("atomic-").FullName;
        try
        {
            string path = Path.Combine(directory, "out.bin");
            File.WriteAllText(path, "old");
            AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Writing_into_a_missing_directory_says_so()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "out.bin");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllBytes(path, new byte[1]));
        Assert.Contains("does not exist", e.Message);
    }
}
