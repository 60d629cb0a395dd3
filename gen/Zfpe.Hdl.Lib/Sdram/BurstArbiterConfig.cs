using System.Numerics;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>The parameters of a <see cref="BurstArbiter"/> (the `burst-arbiter` design).</summary>
public sealed record BurstArbiterConfig(
    [property: Parameter("ports", "request/response port pairs sharing the memory", Min = 2, Max = 8)] int Ports = 3,
    [property: Parameter("run", "most words a port's request (a run) may ask for; the grant is held for a whole run", Allowed = [4, 8, 16, 32, 64, 128, 256])] int Run = 64,
    [property: Parameter("policy", "which waiting port is granted the next run")] ArbiterPolicy Policy = ArbiterPolicy.RoundRobin,
    [property: Parameter("response-depth", "read words each port may have in flight (its credits; its block-RAM response queue holds 1024); at least run", Allowed = [64, 128, 256, 512, 1024])] int ResponseDepth = 512,
    [property: Parameter("address-bits", "word address bits (24: 32 MB of 16-bit words)", Min = 8, Max = 25)] int AddressBits = 24)
{
    /// <summary>Bits of a port request's <c>WordsMinusOne</c>.</summary>
    public int LengthBits => BitOperations.Log2((uint)Run);

    /// <summary>Bits of the tag the memory's read words come back with: the port index.</summary>
    public int TagBits => StreamPayloads.BitsFor(Ports);

    /// <summary>Checks each parameter's range, then that a port's queue holds a whole read run.</summary>
    public void Validate()
    {
        ConfigParameters.Check(this);
        if (ResponseDepth < Run)
            throw new ArgumentException($"response-depth = {ResponseDepth} is smaller than run = {Run}: a port's response queue must hold a whole read run (allowed: response-depth >= run)", nameof(ResponseDepth));
    }
}
