namespace Zfpe.Flow;

/// <summary>The outcome a report states.</summary>
public enum FlowVerdict
{
    /// <summary>Everything the target asked for was produced, the design fits and meets timing.</summary>
    Pass,
    /// <summary>The design does not fit the device or misses its clock target.</summary>
    Fail,
    /// <summary>The run stopped early (missing tool, tool failure); what was produced is reported.</summary>
    Incomplete,
}
