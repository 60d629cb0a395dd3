namespace Zfpe.Flow.Tests.Support;

/// <summary>
/// A fact that runs only where the named tools are installed, and otherwise is reported as
/// skipped with the reason (xunit 2 has no run-time skip, so the decision is made when tests are
/// discovered; tool presence does not change during a run).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    // One locator for the whole run, so each tool's version is asked once.
    private static readonly ToolLocator Locator = new();

    public ToolFactAttribute(params ToolKind[] tools)
    {
        var missing = tools.Select(Locator.Locate).Where(l => !l.Found).ToList();
        if (missing.Count > 0)
            Skip = "needs " + string.Join(", ", missing.Select(m => $"{m.Spec.Executable} ({m.Problem})")) +
                   "; install it or set its ZFPE_* variable to run this test";
    }
}
