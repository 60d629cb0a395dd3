using Zfpe.Tools;
namespace Zfpe.TestSupport;

/// <summary>
/// A fact that runs only where the named tools are installed, and otherwise is reported as
/// skipped with the reason (xunit 2 has no run-time skip, so the decision is made when tests are
/// discovered; tool presence does not change during a run). Tools named in
/// <c>ZFPE_REQUIRE_TOOLS</c> (comma-separated executables; .ci/run sets it to what it installs)
/// never cause a skip: there the test runs and fails on the missing tool, so CI cannot pass by
/// skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    // One locator for the whole run, so each tool's version is asked once.
    private static readonly ToolLocator Locator = new();

    private static readonly HashSet<string> Required =
        (Environment.GetEnvironmentVariable("ZFPE_REQUIRE_TOOLS") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .ToHashSet(StringComparer.Ordinal);

    public ToolFactAttribute(params ToolKind[] tools)
    {
        var missing = tools.Select(Locator.Locate).Where(l => !l.Found && !Required.Contains(l.Spec.Executable)).ToList();
        if (missing.Count > 0)
            Skip = "needs " + string.Join(", ", missing.Select(m => $"{m.Spec.Executable} ({m.Problem})")) +
                   "; install it or set its ZFPE_* variable to run this test";
    }
}
