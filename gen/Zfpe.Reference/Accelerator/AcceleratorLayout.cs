using Zfpe.Reference.Codecs;
using Zfpe.Reference.Dense;

namespace Zfpe.Reference.Accelerator;

/// <summary>
/// How one layer lies in the accelerator's memory, region by region, each region one ZFPe stream of
/// its own (zero-padded to whole blocks of 4, so a region starts at a block) in the order the PE array
/// takes or gives the values (<see cref="ArraySchedule"/>, T = pes · outputs-per-pe, B = batch-tile):
/// <list type="bullet">
/// <item><b>weights</b>, a region per output tile ot: for input i: for j in 0..T−1: W[ot·T + j, i]
/// (0 past the layer's outputs), read once for every batch tile; a ZFPe stream, or raw float32 with
/// <c>rawWeights</c>;</item>
/// <item><b>biases</b>, one region of raw float32: for output tile ot: for j: bias[ot·T + j] (0 for none or padding);</item>
/// <item><b>inputs</b>, a region per batch tile bt: for input i: for row r in 0..B−1: x[bt·B + r, i]
/// (rows past the batch 0 in the first layer), read once for every output tile;</item>
/// <item><b>outputs</b>, a region per batch tile bt: for output o (padding outputs dropped): for row r: y[bt·B + r, o].</item>
/// </list>
/// A layer's output region of batch tile bt is, value for value, the next layer's input region of bt:
/// an MLP runs layer after layer on what the previous layer wrote.
/// </summary>
public sealed class AcceleratorLayout
{
    public AcceleratorLayout(ArrayGeometry geometry, ZfpeParameters codec, int outputs, int inputs, int batch, bool rawWeights = false)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Schedule = new ArraySchedule(geometry, outputs, inputs, batch);
        Codec = codec;
        RawWeights = rawWeights;
    }

    /// <summary>Weights stored as raw float32 instead of ZFPe.</summary>
    public bool RawWeights { get; }

    public ArraySchedule Schedule { get; }
    public ZfpeParameters Codec { get; }
    private ArrayGeometry Geometry => Schedule.Geometry;

    /// <summary>Values in one output tile's weight region: inputs · T.</summary>
    public long WeightValuesPerTile => (long)Schedule.Inputs * Geometry.TileOutputs;

    /// <summary>Values in one batch tile's input region: inputs · B.</summary>
    public long InputValuesPerTile => (long)Schedule.Inputs * Geometry.BatchTile;

    /// <summary>Values in one batch tile's output region: outputs · B.</summary>
    public long OutputValuesPerTile => (long)Schedule.Outputs * Geometry.BatchTile;

    /// <summary>Values in the bias region: output tiles · T.</summary>
    public long BiasValues => (long)Schedule.OutputTiles * Geometry.TileOutputs;

    public long WeightBytesPerTile => RawWeights ? WeightValuesPerTile * sizeof(float) : ZfpeCodec.CompressedBytes(WeightValuesPerTile, Codec);
    public long InputBytesPerTile => ZfpeCodec.CompressedBytes(InputValuesPerTile, Codec);
    public long OutputBytesPerTile => ZfpeCodec.CompressedBytes(OutputValuesPerTile, Codec);
    public long BiasBytes => BiasValues * sizeof(float);

    /// <summary>The weight region of output tile <paramref name="outputTile"/>, uncompressed, in stream order.</summary>
    public float[] WeightTile(DenseLayer layer, int outputTile)
    {
        RequireTile(outputTile, Schedule.OutputTiles, "output tile");
        var t = Geometry.TileOutputs;
        var values = new float[WeightValuesPerTile];
        for (var i = 0; i < Schedule.Inputs; i++)
            for (var j = 0; j < t; j++)
            {
                var o = outputTile * t + j;
                values[(long)i * t + j] = o < Schedule.Outputs ? layer.Weight(o, i) : 0f;
            }
        return values;
    }

    /// <summary>Puts a decoded weight region back into <paramref name="weights"/> (outputs × inputs, row-major), padding dropped.</summary>
    public void ScatterWeightTile(ReadOnlySpan<float> region, int outputTile, float[] weights)
    {
        var t = Geometry.TileOutputs;
        for (var i = 0; i < Schedule.Inputs; i++)
            for (var j = 0; j < t; j++)
            {
                var o = outputTile * t + j;
                if (o < Schedule.Outputs) weights[(long)o * Schedule.Inputs + i] = region[(int)((long)i * t + j)];
            }
    }

    /// <summary>The bias region's values (raw float32 on the board).</summary>
    public float[] BiasRegion(DenseLayer layer) => Schedule.Biases(layer).Take((int)BiasValues).ToArray();

    /// <summary>
    /// Batch tile <paramref name="batchTile"/>'s rows of <paramref name="rows"/> (padded batch × <paramref name="width"/>,
    /// row-major) in region order: for column c: for row r.
    /// </summary>
    public float[] RowTile(ReadOnlySpan<float> rows, int width, int batchTile)
    {
        RequireTile(batchTile, Schedule.BatchTiles, "batch tile");
        var b = Geometry.BatchTile;
        var values = new float[(long)width * b];
        for (var c = 0; c < width; c++)
            for (var r = 0; r < b; r++) values[(long)c * b + r] = rows[(int)((long)(batchTile * b + r) * width + c)];
        return values;
    }

    /// <summary>The inverse of <see cref="RowTile"/>: a region's values back into the padded rows.</summary>
    public void ScatterRowTile(ReadOnlySpan<float> region, int width, int batchTile, float[] rows)
    {
        var b = Geometry.BatchTile;
        for (var c = 0; c < width; c++)
            for (var r = 0; r < b; r++) rows[(long)(batchTile * b + r) * width + c] = region[(int)((long)c * b + r)];
    }

    private static void RequireTile(int tile, int tiles, string what)
    {
        if (tile < 0 || tile >= tiles) throw new ArgumentOutOfRangeException(nameof(tile), tile, $"{what} {tile} does not exist: the layer has {tiles} (0..{tiles - 1})");
    }
}
