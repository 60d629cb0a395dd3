namespace Zfpe.Hdl;

/// <summary>An instance's inout pin joined to bits [Lo + Width - 1 : Lo] of an inout port of its parent (<c>Component.Attach</c>).</summary>
internal sealed record PadAttachment(Signal ChildPin, Signal Pad, int Lo, int Width, SourceLocation Location);
