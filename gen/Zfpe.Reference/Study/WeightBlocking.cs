namespace Zfpe.Reference.Study;

/// <summary>
/// How a weight matrix W (outputs × inputs) is laid out for the codec: by rows (W as stored, so a
/// block of 4 runs along the input dimension and a per-channel scale is per output) or by columns
/// (Wᵀ, so a block runs along the output dimension and a per-channel scale is per input).
/// </summary>
public enum WeightBlocking
{
    AlongInputs,
    AlongOutputs,
}
