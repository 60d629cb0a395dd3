namespace Zfpe.Reference.Dense;

/// <summary>What a dense layer applies to each output on the way out.</summary>
public enum DenseActivation
{
    None,

    /// <summary>max(0, y): a negative result becomes +0 (results are never −0, so this is a sign test).</summary>
    Relu,
}
