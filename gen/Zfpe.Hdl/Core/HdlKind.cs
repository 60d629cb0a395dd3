namespace Zfpe.Hdl;

/// <summary>The three kinds of hardware value: a single bit, an unsigned or a signed (two's complement) vector.</summary>
public enum HdlKind
{
    Bool,
    Unsigned,
    Signed,
}
