using Zfpe.Flow;

namespace Zfpe.Board.Tests.Support;

/// <summary>A fact that needs Yosys; where it is missing the test is skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class YosysFactAttribute : FactAttribute
{
    private static readonly ToolLocation Yosys = new ToolLocator().Locate(ToolKind.Yosys);

    public YosysFactAttribute()
    {
        if (!Yosys.Found) Skip = $"needs yosys ({Yosys.Problem}); install it (apt-get install yosys) or set ZFPE_YOSYS";
    }
}
