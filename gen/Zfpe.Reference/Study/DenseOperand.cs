namespace Zfpe.Reference.Study;

/// <summary>Which operands of <c>y = W · x + b</c> go through the codec.</summary>
[Flags]
public enum DenseOperand
{
    Weights = 1,
    Inputs = 2,
    Bias = 4,
    All = Weights | Inputs | Bias,
}
