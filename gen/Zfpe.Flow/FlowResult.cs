namespace Zfpe.Flow;

/// <summary>The result of a completed flow run: the report and where everything was written.</summary>
public sealed record FlowResult(string OutputDirectory, FlowReport Report, string? BitstreamPath)
{
    public string ReportJsonPath => Path.Combine(OutputDirectory, FlowRunner.ReportJsonFile);
    public string ReportTextPath => Path.Combine(OutputDirectory, FlowRunner.ReportTextFile);
    public string ManifestPath => Path.Combine(OutputDirectory, FlowRunner.ManifestFile);
    public IReadOnlyList<StageRecord> Stages => Report.Stages;
    public StageRecord Stage(string name) => Report.Stages.Single(s => s.Stage == name);
}
