using System.Diagnostics;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// A reproducible stimulus for speed comparisons: every cycle, each data input gets the next
/// xorshift64* number (masked to its width; wide ports one number per 32-bit word, in id order),
/// and every output is folded into an FNV-style checksum before the rising edge. The plain C++
/// driver (<see cref="CppDriver"/>) and the Icarus bench (<see cref="IcarusBenchmark"/>) run
/// exactly the same pattern, so equal checksums prove they simulated the same thing.
/// A stream's <c>X_payload</c> and <c>X_last</c> outputs count only while <c>X_valid</c> is high
/// (else as 0): with valid low they are don't-care, and simulators legitimately differ there
/// (Verilator starts registers without a reset at 0, Icarus at x).
/// </summary>
public sealed class InputPattern : ICycleAgent
{
    public const ulong ChecksumSeed = 0xCBF29CE484222325;
    private const ulong ChecksumPrime = 0x100000001B3;

    private readonly SimPort[] _inputs;
    private readonly SimPort[] _outputs;
    private readonly SimPort?[] _validOf;
    private readonly uint[][] _inputWords;
    private readonly uint[][] _outputWords;
    private ulong _state;

    public InputPattern(Simulation simulation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _inputs = simulation.Ports.Where(p => p.IsInput && p.Role == PortRole.Data).ToArray();
        _outputs = simulation.Ports.Where(p => !p.IsInput).ToArray();
        var valids = ValidOf(_outputs.Select(p => p.Info).ToList());
        _validOf = valids.Select(v => v is null ? null : simulation.Port(v)).ToArray();
        _inputWords = _inputs.Select(p => new uint[p.Words]).ToArray();
        _outputWords = _outputs.Select(p => new uint[p.Words]).ToArray();
        _state = seed == 0 ? 1 : seed;
    }

    public ulong Checksum { get; private set; } = ChecksumSeed;

    /// <summary>
    /// Runs the pattern on a freshly started simulation: <paramref name="resetCycles"/> cycles of
    /// reset (plain cycles if the design has no reset), then <paramref name="cycles"/> timed cycles.
    /// </summary>
    public static PatternResult Run(Simulation simulation, long cycles, ulong seed, int resetCycles = 2)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        ArgumentOutOfRangeException.ThrowIfNegative(resetCycles);
        if (simulation.Cycle != 0)
            throw new InvalidOperationException($"simulation '{simulation.Name}' is at cycle {simulation.Cycle}; run the pattern on a freshly started one so that it matches the C++ driver.");
        if (simulation.ResetPort is not null && resetCycles > 0) simulation.Reset(resetCycles);
        else simulation.Step(resetCycles);
        var pattern = simulation.Attach(new InputPattern(simulation, seed));
        var clock = Stopwatch.StartNew();
        simulation.Step(cycles);
        clock.Stop();
        simulation.Detach(pattern);
        return new PatternResult(cycles, clock.Elapsed.TotalSeconds, pattern.Checksum);
    }

    public void Drive(Simulation simulation)
    {
        for (var i = 0; i < _inputs.Length; i++)
        {
            var port = _inputs[i];
            if (port.Bytes != 0)
            {
                simulation.Poke(port, Next() & port.Mask);
                continue;
            }
            var words = _inputWords[i];
            for (var w = 0; w < words.Length; w++) words[w] = (uint)Next();
            if (port.Width % 32 != 0) words[^1] &= (1u << (port.Width % 32)) - 1;
            simulation.Poke(port, (ReadOnlySpan<uint>)words);
        }
    }

    public void Sample(Simulation simulation)
    {
        var checksum = Checksum;
        for (var i = 0; i < _outputs.Length; i++)
        {
            var port = _outputs[i];
            var valid = _validOf[i];
            var dontCare = valid is not null && simulation.Peek(valid) == 0;
            if (port.Bytes != 0)
            {
                checksum = (checksum ^ (dontCare ? 0 : simulation.Peek(port))) * ChecksumPrime;
                continue;
            }
            var words = _outputWords[i];
            if (dontCare) Array.Clear(words);
            else simulation.PeekWords(port, words);
            for (var w = 0; w < words.Length; w++) checksum = (checksum ^ words[w]) * ChecksumPrime;
        }
        Checksum = checksum;
    }

    /// <summary>
    /// For each output, the output whose low level makes it don't-care: <c>X_valid</c> for
    /// <c>X_payload</c> and <c>X_last</c> when the design has such an output; else null.
    /// </summary>
    public static IReadOnlyList<string?> ValidOf(IReadOnlyList<PortInfo> outputs)
    {
        var names = outputs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return outputs.Select(p =>
        {
            foreach (var suffix in (string[])["_payload", "_last"])
            {
                if (!p.Name.EndsWith(suffix, StringComparison.Ordinal)) continue;
                var valid = p.Name[..^suffix.Length] + "_valid";
                if (names.Contains(valid) && outputs.First(o => o.Name == valid).Width == 1) return valid;
            }
            return null;
        }).ToList();
    }

    private ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1D;
    }
}
