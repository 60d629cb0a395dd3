using Zfpe.Reference.Metrics;

namespace Zfpe.Reference.Evaluation;

/// <summary>One row of the evaluation table: a method, the layout it worked on (blocks, or groups of the baselines), its error statistics and how long its round trip took.</summary>
public sealed record EvaluateResult(string Method, string Layout, ErrorMetrics Metrics, double Milliseconds);
