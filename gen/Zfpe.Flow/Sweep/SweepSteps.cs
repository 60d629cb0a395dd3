namespace Zfpe.Flow.Sweep;

/// <summary>Which flow stages a sweep runs for each point (`--steps synth` or `--steps synth,pnr`).</summary>
[Flags]
public enum SweepSteps
{
    /// <summary>Yosys synth_ecp5: cell counts and logic depth.</summary>
    Synth = 1,
    /// <summary>nextpnr-ecp5 out of context, once per seed: Fmax and utilisation.</summary>
    PlaceAndRoute = 2,
}
