using Zfpe.Reference.Metrics;

namespace Zfpe.Cli.Commands;

/// <summary>One row of the evaluation table: a method, its error statistics and how long its round trip took.</summary>
public sealed record EvaluateResult(string Method, ErrorMetrics Metrics, double Milliseconds);
