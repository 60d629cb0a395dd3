namespace Zfpe.Sim.Sdram;

/// <summary>
/// What the chip drives on DQ after one <see cref="SdramModel.Step"/>: read data the controller
/// samples at the next rising edge, <see cref="SampledAtCycle"/>.
/// </summary>
/// <param name="Value">The word on DQ (0 when not <paramref name="Valid"/>).</param>
/// <param name="Valid">The chip drives DQ (a read beat not masked by DQM); otherwise DQ is high impedance.</param>
/// <param name="SampledAtCycle">The cycle (edge) at which the controller samples this value: a READ at cycle c with CAS latency CL gives its first word at c + CL.</param>
public readonly record struct SdramDataOut(ushort Value, bool Valid, long SampledAtCycle);
