namespace Zfpe.Reference.Accelerator;

/// <summary>
/// What a model run on the accelerator gives: every layer's memory image (<see cref="Layers"/>; the
/// last layer's <c>OutputTiles</c> are the exact bits the board writes), the outputs the host reads back
/// and decodes (<see cref="Outputs"/>, batch × outputs, padding rows dropped), and the model in float64
/// on the original weights and inputs (<see cref="Exact"/>) for error figures.
/// </summary>
public sealed record AcceleratorRun(IReadOnlyList<AcceleratorLayerImage> Layers, int Batch, float[] Outputs, double[] Exact);
