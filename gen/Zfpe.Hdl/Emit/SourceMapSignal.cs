namespace Zfpe.Hdl.Emit;

/// <summary>
/// A name declared in an emitted module: what it is, its width, and the C# location that made it
/// (<c>File.cs:line</c>). <see cref="PartOf"/> says whose statement an expression part was hoisted
/// from, or which instance an instance port wire belongs to (then <see cref="Port"/> is the port).
/// </summary>
public sealed record SourceMapSignal(string Name, SourceMapSignalKind Kind, int Width, string Source, string? PartOf = null, string? Port = null);
