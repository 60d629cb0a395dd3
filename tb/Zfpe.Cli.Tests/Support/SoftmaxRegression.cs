namespace Zfpe.Cli.Tests.Support;

/// <summary>
/// A dense layer 64 → 10 with softmax, trained by plain SGD on cross-entropy: the smallest real
/// network layer whose weights the codecs can be judged on. Weights are [class, input] (axis 0 =
/// output channel).
/// </summary>
public sealed class SoftmaxRegression
{
    public const int Inputs = 64;
    public const int Classes = 10;

    public float[] Weights { get; } = new float[Classes * Inputs];

    public float[] Bias { get; } = new float[Classes];

    public void Train(float[][] images, int[] labels, int epochs, float learningRate, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < Weights.Length; i++)
            Weights[i] = (float)(random.NextDouble() - 0.5) * 0.02f;
        var order = Enumerable.Range(0, images.Length).ToArray();
        var p = new double[Classes];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int n in order)
            {
                Probabilities(Weights, images[n], p);
                for (int c = 0; c < Classes; c++)
                {
                    float gradient = (float)(p[c] - (labels[n] == c ? 1 : 0));
                    for (int j = 0; j < Inputs; j++)
                        Weights[c * Inputs + j] -= learningRate * gradient * images[n][j];
                    Bias[c] -= learningRate * gradient;
                }
            }
        }
    }

    /// <summary>Fraction of images classified correctly with the given weights (and this model's bias).</summary>
    public double Accuracy(float[] weights, float[][] images, int[] labels)
    {
        var p = new double[Classes];
        int correct = 0;
        for (int n = 0; n < images.Length; n++)
        {
            Probabilities(weights, images[n], p);
            int best = Array.IndexOf(p, p.Max());
            if (best == labels[n])
                correct++;
        }
        return (double)correct / images.Length;
    }

    private void Probabilities(float[] weights, float[] x, double[] p)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < Classes; c++)
        {
            double z = Bias[c];
            for (int j = 0; j < Inputs; j++)
                z += weights[c * Inputs + j] * x[j];
            p[c] = z;
            max = Math.Max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < Classes; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < Classes; c++)
            p[c] /= sum;
    }
}
