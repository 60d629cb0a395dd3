namespace Zfpe.Hdl;

/// <summary>What elaboration needs of any <see cref="Stream{T}"/>: its owner and how to name its signals.</summary>
internal interface IStream
{
    Component Owner { get; }
    SourceLocation Declared { get; }
    string? ExplicitName { get; }

    /// <summary>A helper's name for it, used when neither a member nor an explicit name names it (de-duplicated).</summary>
    string? FallbackName { get; }

    /// <summary>
    /// Names the stream's signals <c>prefix_valid</c>, <c>prefix_ready</c>, <c>prefix_last</c> and the
    /// payload (unless named already); as fallback names (renamed on a clash) when <paramref name="fallback"/>.
    /// </summary>
    void NameMembers(string prefix, bool fallback);
}
