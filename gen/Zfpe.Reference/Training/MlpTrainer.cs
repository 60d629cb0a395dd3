using System.Runtime.CompilerServices;
using Zfpe.Reference.Datasets;
using Zfpe.Reference.Dense;

namespace Zfpe.Reference.Training;

/// <summary>
/// Trains an <see cref="Mlp"/> on the digits: He-initialised weights (Gaussian, variance 2 / inputs,
/// from SplitMix64), zero biases, ReLU hidden layers, softmax cross-entropy on the last layer's
/// outputs, Adam (β1 0.9, β2 0.999, ε 1e-8) on mini-batches drawn from a fresh shuffle every epoch.
/// Everything is float64 in a fixed order with one seeded generator, so a seed gives the same
/// weights bit for bit on every machine; they are rounded to float32 at the end.
/// </summary>
public static class MlpTrainer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    public static Mlp Train(DigitsSet train, MlpTrainingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var random = new SplitMix64(parameters.Seed);
        int[] widths = [DigitsSet.Pixels64, .. parameters.Hidden, DigitsSet.Classes];
        var layers = Enumerable.Range(0, widths.Length - 1).Select(l => new Parameters(widths[l + 1], widths[l], random)).ToArray();

        var order = Enumerable.Range(0, train.Count).ToArray();
        var activations = widths.Select(w => new double[parameters.BatchSize * w]).ToArray();
        var gradients = widths.Select(w => new double[parameters.BatchSize * w]).ToArray();
        long step = 0;
        for (int epoch = 0; epoch < parameters.Epochs; epoch++)
        {
            Shuffle(order, random);
            for (int start = 0; start < order.Length; start += parameters.BatchSize)
            {
                int batch = Math.Min(parameters.BatchSize, order.Length - start);
                for (int b = 0; b < batch; b++)
                {
                    for (int i = 0; i < DigitsSet.Pixels64; i++)
                        activations[0][b * DigitsSet.Pixels64 + i] = train.Pixels[order[start + b] * DigitsSet.Pixels64 + i];
                }
                for (int l = 0; l < layers.Length; l++)
                    layers[l].Forward(activations[l], activations[l + 1], batch, relu: l < layers.Length - 1);
                SoftmaxCrossEntropyGradient(activations[^1], gradients[^1], batch, order.AsSpan(start, batch), train.Labels);
                step++;
                for (int l = layers.Length - 1; l >= 0; l--)
                {
                    layers[l].Backward(activations[l], gradients[l + 1], l > 0 ? gradients[l] : null, batch);
                    layers[l].AdamStep(parameters.LearningRate, step);
                }
            }
        }
        return new Mlp(layers.Select((p, l) => p.ToLayer(l < layers.Length - 1 ? DenseActivation.Relu : DenseActivation.None)).ToList());
    }

    private static void Shuffle(int[] order, SplitMix64 random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(random.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>d(mean loss)/d(scores) = (softmax − one-hot) / batch, into <paramref name="gradient"/>.</summary>
    private static void SoftmaxCrossEntropyGradient(double[] scores, double[] gradient, int batch, ReadOnlySpan<int> images, int[] labels)
    {
        const int k = DigitsSet.Classes;
        for (int b = 0; b < batch; b++)
        {
            var row = scores.AsSpan(b * k, k);
            double max = double.NegativeInfinity;
            foreach (double s in row) max = Math.Max(max, s);
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(row[c] - max);
            for (int c = 0; c < k; c++)
                gradient[b * k + c] = (Math.Exp(row[c] - max) / sum - (labels[images[b]] == c ? 1 : 0)) / batch;
        }
    }

    /// <summary>One layer's weights (outputs × inputs), bias, their gradients and Adam's moments.</summary>
    private sealed class Parameters
    {
        private readonly int _outputs, _inputs;
        private readonly double[] _w, _b, _gw, _gb, _mw, _vw, _mb, _vb;

        public Parameters(int outputs, int inputs, SplitMix64 random)
        {
            _outputs = outputs;
            _inputs = inputs;
            _w = new double[outputs * inputs];
            double sigma = Math.Sqrt(2.0 / inputs);
            for (int i = 0; i < _w.Length; i++) _w[i] = sigma * random.NextGaussian();
            _b = new double[outputs];
            _gw = new double[_w.Length];
            _gb = new double[outputs];
            _mw = new double[_w.Length];
            _vw = new double[_w.Length];
            _mb = new double[outputs];
            _vb = new double[outputs];
        }

        // The hot loops of training: fully optimised from the first call (one call per mini-batch, no time to tier up).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Forward(double[] x, double[] y, int batch, bool relu)
        {
            for (int b = 0; b < batch; b++)
            {
                for (int o = 0; o < _outputs; o++)
                {
                    double acc = _b[o];
                    for (int i = 0; i < _inputs; i++) acc += _w[o * _inputs + i] * x[b * _inputs + i];
                    y[b * _outputs + o] = relu ? Math.Max(0, acc) : acc;
                }
            }
        }

        /// <summary>Gradients of W and b from dL/dy; dL/dx into <paramref name="dx"/> (through the ReLU of the layer below, which made x) when given.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Backward(double[] x, double[] dy, double[]? dx, int batch)
        {
            Array.Clear(_gw);
            Array.Clear(_gb);
            for (int b = 0; b < batch; b++)
            {
                for (int o = 0; o < _outputs; o++)
                {
                    double g = dy[b * _outputs + o];
                    _gb[o] += g;
                    for (int i = 0; i < _inputs; i++) _gw[o * _inputs + i] += g * x[b * _inputs + i];
                }
            }
            if (dx is null) return;
            for (int b = 0; b < batch; b++)
            {
                for (int i = 0; i < _inputs; i++)
                {
                    if (x[b * _inputs + i] <= 0)
                    {
                        dx[b * _inputs + i] = 0;
                        continue;
                    }
                    double acc = 0;
                    for (int o = 0; o < _outputs; o++) acc += dy[b * _outputs + o] * _w[o * _inputs + i];
                    dx[b * _inputs + i] = acc;
                }
            }
        }

        public void AdamStep(double learningRate, long step)
        {
            double correction1 = 1 - Math.Pow(Beta1, step), correction2 = 1 - Math.Pow(Beta2, step);
            Adam(_w, _gw, _mw, _vw, learningRate, correction1, correction2);
            Adam(_b, _gb, _mb, _vb, learningRate, correction1, correction2);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Adam(double[] p, double[] g, double[] m, double[] v, double learningRate, double correction1, double correction2)
        {
            for (int i = 0; i < p.Length; i++)
            {
                m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
                v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
                p[i] -= learningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + Epsilon);
            }
        }

        public DenseLayer ToLayer(DenseActivation activation) =>
            new(_outputs, _inputs, Array.ConvertAll(_w, v => (float)v), Array.ConvertAll(_b, v => (float)v), activation);
    }
}
