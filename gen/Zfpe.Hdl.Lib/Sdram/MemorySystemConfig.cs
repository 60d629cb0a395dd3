using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>The parameters of a <see cref="MemorySystem"/> (the `memory-system` design): the arbiter's and the controller's.</summary>
public sealed record MemorySystemConfig(
    [property: Parameter("ports", "request/response port pairs sharing the memory", Min = 2, Max = 8)] int Ports = 3,
    [property: Parameter("run", "most words a port's request (a run) may ask for; the grant is held for a whole run", Allowed = [4, 8, 16, 32, 64, 128, 256])] int Run = 64,
    [property: Parameter("policy", "which waiting port is granted the next run")] ArbiterPolicy Policy = ArbiterPolicy.RoundRobin,
    [property: Parameter("response-depth", "read words each port may have in flight (its credits; its block-RAM response queue holds 1024); at least run", Allowed = [64, 128, 256, 512, 1024])] int ResponseDepth = 512,
    [property: Parameter("part", "the SDRAM chip (gen/Zfpe.Hdl.Lib/README.md, SDRAM parts)")] SdramPartChoice Part = SdramPartChoice.Is42s16160g_7,
    [property: Parameter("clock-mhz", "the controller and SDRAM clock", Min = 25, Max = 166)] int ClockMhz = 100)
{
    /// <summary>Not a parameter: the board's pin side puts a register in each I/O cell (<see cref="SdramControllerConfig.PinRegisters"/>).</summary>
    public bool PinRegisters { get; init; }

    /// <summary>The controller: tags wide enough for the port index.</summary>
    public SdramControllerConfig Controller => new(Part, ClockMhz, TagBits: StreamPayloads.BitsFor(Ports)) { PinRegisters = PinRegisters };

    public BurstArbiterConfig Arbiter => new(Ports, Run, Policy, ResponseDepth, Controller.AddressBits);

    public void Validate()
    {
        Controller.Validate();
        Arbiter.Validate();
    }
}
