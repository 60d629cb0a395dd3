namespace Zfpe.Cores.Tests.Support;

/// <summary>
/// One pipeline stage as a core's debug port shows it: four coefficients a block, side by side for
/// the blocks of a beat, checked in order against what the reference computed for that stage.
/// </summary>
public sealed class DebugStage(string stage, string coefficient, bool hex = false)
{
    private readonly List<uint> _expected = [];

    /// <summary>Blocks checked so far.</summary>
    public long Checked { get; private set; }

    /// <summary>Blocks the reference has announced.</summary>
    public int Blocks => _expected.Count / 4;

    public void Expect(IEnumerable<int> coefficients) => _expected.AddRange(coefficients.Select(c => (uint)c));

    public void Expect(IEnumerable<uint> coefficients) => _expected.AddRange(coefficients);

    /// <summary>
    /// Checks the next <paramref name="blockLanes"/> blocks of <paramref name="words"/>; <paramref name="also"/>
    /// checks more of block j (lane g) first. <paramref name="failure"/> builds the error from stage, block, expected and actual.
    /// </summary>
    public void Check(ReadOnlySpan<uint> words, int blockLanes, Func<string, int, string, string, Exception> failure, Action<int, int>? also = null)
    {
        for (var g = 0; g < blockLanes; g++, Checked++)
        {
            var j = (int)Checked;
            if (j >= Blocks) throw failure(stage, j, "no more blocks", "a block");
            also?.Invoke(g, j);
            for (var k = 0; k < 4; k++)
                if (words[4 * g + k] != _expected[4 * j + k])
                    throw failure($"{stage} {coefficient}{k}", j, Format(_expected[4 * j + k]), Format(words[4 * g + k]));
        }
    }

    private string Format(uint value) => hex ? $"0x{value:X8}" : ((int)value).ToString();
}
