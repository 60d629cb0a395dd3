namespace Zfpe.Flow;

/// <summary>What happened to a flow stage in one run.</summary>
public enum StageStatus
{
    /// <summary>The tool ran because the stage's inputs changed (or were never built).</summary>
    Ran,
    /// <summary>Outputs taken from the cache: same inputs, same script, same tool version.</summary>
    Reused,
    /// <summary>The stage's tool is not installed; the flow stopped here.</summary>
    MissingTool,
    /// <summary>The tool ran and failed; the flow stopped here.</summary>
    Failed,
    /// <summary>An earlier stage stopped the flow, or the target did not include this stage.</summary>
    NotRun,
}
