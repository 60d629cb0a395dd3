using System.Security.Cryptography;
using System.Text;

namespace Zfpe.Hdl.Emit;

/// <summary>
/// The Verilog of a design: one file per module (children before parents, top last), the ports
/// of the top module, and the source map from the Verilog back to C# (null for Verilog that was
/// not emitted from C#). Deterministic: emitting the same component twice gives equal values.
/// </summary>
public sealed record EmittedDesign(string TopModule, IReadOnlyList<VerilogFile> Files, IReadOnlyList<PortInfo> TopPorts, DesignSourceMap? SourceMap = null)
{
    /// <summary>The component this Verilog was emitted from (null for a design made of files): simulations address its port members.</summary>
    public Component? Top { get; init; }

    /// <summary>SHA-256 over every file name and text, in order: the design's content key.</summary>
    public string ContentHash()
    {
        using var sha = SHA256.Create();
        foreach (var f in Files)
        {
            var bytes = Encoding.UTF8.GetBytes(f.FileName + "\n" + f.Text + "\n");
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!).ToLowerInvariant();
    }

    /// <summary>Writes every file into <paramref name="directory"/> and returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var f in Files)
        {
            var path = Path.Combine(directory, f.FileName);
            File.WriteAllText(path, f.Text, new UTF8Encoding(false));
            paths.Add(path);
        }
        return paths;
    }

    public PortInfo Port(string name) =>
        TopPorts.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"module '{TopModule}' has no port '{name}'; its ports are: {string.Join(", ", TopPorts.Select(p => p.Name))}", nameof(name));
}
