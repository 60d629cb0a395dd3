namespace Zfpe.Reference.Files;

/// <summary>A resolved tensor output and its format (.npy when <paramref name="Npy"/>, else raw .f32).</summary>
public sealed record TensorOutput(OutputFile File, bool Npy);
