namespace Zfpe.Reference.Files;

/// <summary>
/// A value of a .npy header (a string, bool, long, list of values or dict of values) and the byte
/// offset in the file where it starts, so that a rejection can point at the field.
/// </summary>
internal sealed record NpyHeaderValue(object Value, long Offset);
