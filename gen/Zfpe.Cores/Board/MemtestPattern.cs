using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// The ulx3s-memtest pattern: a 32-bit Galois LFSR (x^32 + x^22 + x^2 + x + 1, maximal length,
/// shifted right, toggle mask 0x80200003) advanced 16 steps per word, so consecutive words share no
/// shifted bits; a word is the low 16 bits of the state after its 16 steps. Pass n starts from
/// <see cref="PassSeed"/>. The same steps in C# (the tests' reference) and as hardware.
/// </summary>
public static class MemtestPattern
{
    public const uint ToggleMask = 0x80200003;
    public const int StepsPerWord = 16;

    /// <summary>The state pass <paramref name="pass"/> starts from: seed ^ (pass &lt;&lt; 16 | pass), or 1 where that is 0 (an LFSR's dead state).</summary>
    public static uint PassSeed(uint seed, ushort pass)
    {
        var s = seed ^ ((uint)pass << 16 | pass);
        return s == 0 ? 1 : s;
    }

    /// <summary>The state after one word's 16 steps.</summary>
    public static uint Next(uint state)
    {
        for (var i = 0; i < StepsPerWord; i++) state = (state >> 1) ^ ((state & 1) != 0 ? ToggleMask : 0);
        return state;
    }

    /// <summary>The first <paramref name="count"/> words of a pass that starts at <paramref name="state"/>.</summary>
    public static ushort[] Words(uint state, int count)
    {
        var words = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            state = Next(state);
            words[i] = (ushort)state;
        }
        return words;
    }

    /// <summary>The hardware of <see cref="Next(uint)"/>: XORs of the state's bits, no register.</summary>
    public static UInt Next(UInt state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Width != 32) throw new ArgumentException($"the pattern state is 32 bits, not {state.Width}", nameof(state));
        // Track each next-state bit as the set of current-state bits it XORs.
        var bits = Enumerable.Range(0, 32).Select(i => new HashSet<int> { i }).ToArray();
        for (var step = 0; step < StepsPerWord; step++)
        {
            var lsb = bits[0];
            var next = new HashSet<int>[32];
            for (var i = 0; i < 32; i++)
            {
                next[i] = i == 31 ? [] : [.. bits[i + 1]];
                if ((ToggleMask >> i & 1) != 0) next[i].SymmetricExceptWith(lsb);
            }
            bits = next;
        }
        var outBits = bits.Select(set =>
        {
            var terms = set.Order().Select(i => state[i]).ToList();
            return terms.Count == 0 ? Hw.False : terms.Aggregate((a, b) => a ^ b);
        }).Reverse().Cast<HdlValue>().ToArray();
        return Hw.Cat(outBits);
    }

    /// <summary>The hardware of <see cref="PassSeed"/>.</summary>
    public static UInt PassSeed(uint seed, UInt pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var mixed = Hw.U(seed, 32) ^ Hw.Cat(pass, pass);
        return Hw.Mux(mixed == 0, Hw.U(1, 32), mixed);
    }
}
