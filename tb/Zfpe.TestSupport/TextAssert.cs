namespace Zfpe.TestSupport;

/// <summary>Assertions that name many fragments of a text (Verilog, reports, a command's output), or items of a collection, at once.</summary>
public static class TextAssert
{
    /// <summary><c>Assert.Contains(fragment, text)</c> for each fragment, in order.</summary>
    public static void ContainsAll(string? text, params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.Contains(fragment, text);
    }

    /// <summary><c>Assert.Contains(item, collection)</c> for each item, in order.</summary>
    public static void ContainsAll<T>(IEnumerable<T> collection, params T[] items)
    {
        foreach (var item in items)
            Assert.Contains(item, collection);
    }
}
