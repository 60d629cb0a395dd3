namespace Zfpe.Hdl.Emit;

/// <summary>A child instance of an emitted module: its name, the module it instantiates, and where C# created it.</summary>
public sealed record SourceMapInstance(string Name, string Module, string Source);
