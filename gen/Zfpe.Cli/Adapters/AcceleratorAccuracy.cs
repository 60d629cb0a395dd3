using Zfpe.Cores.Accelerator;
using Zfpe.Host;
using Zfpe.Reference.Training;

namespace Zfpe.Cli.Adapters;

/// <summary>
/// The trained MLP's test accuracy on the simulated ulx3s-accel board (<see cref="SimulatedAccelBoard"/>):
/// the test images through the whole model on the accelerator (loaded through the chip model's
/// backdoor, layers set up and started over the serial line), every layer's outputs checked word for
/// word against the accelerator reference, the class of each image the argmax of the last layer.
/// </summary>
public static class AcceleratorAccuracy
{
    public sealed record Row(Ulx3sAccelConfig Config, double Accuracy, long Cycles, double MacsPerCycle);

    public static Row Run(MlpTraining training, Ulx3sAccelConfig config, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(config);
        var test = training.Test;
        log.WriteLine($"zfpe: the MLP on the simulated ulx3s-accel ({config}) ...");
        using var board = new SimulatedAccelBoard(config, $"accuracy-{config.Pes}-b{config.B}");
        var session = new AccelSession(board, TimeSpan.FromSeconds(1));
        var run = new AccelRunner(session, board).Run(session.Info(), training.Mlp.Layers, test.Pixels, test.Count);
        if (!run.BitExact || run.OutputMismatches != 0)
            throw new InvalidOperationException($"the simulated accelerator at b = {config.B} differs from the accelerator reference: " +
                                                string.Join(", ", run.Layers.Select((l, n) => $"layer {n + 1}: {l.WordMismatches} of {l.WordsCompared} words")));
        var classes = training.Mlp.Outputs;
        var correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var row = run.Outputs.AsSpan(i * classes, classes);
            var best = 0;
            for (var k = 1; k < classes; k++) if (row[k] > row[best]) best = k;
            if (best == test.Labels[i]) correct++;
        }
        var cycles = run.Layers.Sum(l => (long)l.BusyCycles);
        return new Row(config, (double)correct / test.Count, cycles, (double)run.Layers.Sum(l => l.MultiplyAdds) / Math.Max(1, cycles));
    }
}
