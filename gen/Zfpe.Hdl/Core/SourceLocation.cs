using System.Diagnostics;
using System.Reflection;

namespace Zfpe.Hdl;

/// <summary>
/// A place in the C# source that described some hardware: the file name (not the full path, so
/// that generated Verilog is the same on every machine) and the line.
/// </summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public static readonly SourceLocation Unknown = new("<unknown>", 0);

    public static SourceLocation Of(string filePath, int line) =>
        string.IsNullOrEmpty(filePath) ? Unknown : new(Path.GetFileName(filePath.Replace('\\', '/')), line);

    /// <summary>
    /// The first stack frame outside this assembly: used for errors raised by C# operators, which
    /// cannot take caller-info arguments. Costly, so only called when an error is being raised.
    /// </summary>
    public static SourceLocation FromCallStack()
    {
        var own = typeof(SourceLocation).Assembly;
        foreach (var frame in new StackTrace(1, true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType?.Assembly == own) continue;
            var file = frame.GetFileName();
            if (file is null) continue;
            return Of(file, frame.GetFileLineNumber());
        }
        return Unknown;
    }

    public override string ToString() => $"{File}:{Line}";
}
