using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// A <see cref="BurstArbiter"/> in front of an <see cref="SdramController"/>: <c>ports</c> request
/// and response streams on one side, the SDRAM chip's pins on the other (the data bus split into
/// <c>sdram_dq_out</c>, <c>sdram_dq_oe</c> and <c>sdram_dq_in</c>, as <c>SdramAgent</c> and the
/// board's bidirectional buffer expect). A read word is offered on its port CL + 4 cycles after its
/// READ is on the pins: the controller's CL + 2, then the port's block-RAM response queue (2).
/// </summary>
public sealed class MemorySystem : Component
{
    public readonly IReadOnlyList<Stream<MemoryPortRequest>> Requests;
    public readonly IReadOnlyList<Stream<UInt>> Responses;

    /// <summary>Bit i: port i has a run that may be granted.</summary>
    public readonly UInt Waiting;

    /// <summary>The data bus from the chip (the controller's output pins are forwarded under their own names).</summary>
    public readonly UInt SdramDqIn;

    public readonly Bool InitDone;

    public MemorySystem(MemorySystemConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Params(config);
        Param("pin_registers", config.PinRegisters, false);
        Config = config;
        var arbiter = Instance(new BurstArbiter(config.Arbiter), "arbiter");
        var controller = Instance(new SdramController(config.Controller), "controller");
        Arbiter = arbiter;
        Controller = controller;
        var portShape = MemoryPortRequest.Shape(config.Arbiter.AddressBits, config.Arbiter.LengthBits);
        Requests = Enumerable.Range(0, config.Ports).Select(i => In.Stream(portShape, name: $"port{i}_request")).ToList();
        Responses = Enumerable.Range(0, config.Ports).Select(i => Out.Stream(16, withLast: true, name: $"port{i}_response")).ToList();
        for (var i = 0; i < config.Ports; i++)
        {
            arbiter.Requests[i].ConnectFrom(Requests[i]);
            Responses[i].ConnectFrom(arbiter.Responses[i]);
        }
        controller.Request.ConnectFrom(arbiter.MemoryRequest);
        arbiter.MemoryResponse.ConnectFrom(controller.Response);
        Waiting = Out.UInt(config.Ports, name: "waiting");
        Waiting.Assign(arbiter.Waiting);

        PinOutputs = SdramPinForwarding.Forward(controller.PinOutputs, name => Out.Bool(name: name), (width, name) => Out.UInt(width, name: name));
        SdramDqIn = In.UInt(16, name: "sdram_dq_in");
        controller.SdramDqIn.Assign(SdramDqIn);
        InitDone = Out.Bool(name: "init_done");
        InitDone.Assign(controller.InitDone);
    }

    public MemorySystemConfig Config { get; }

    /// <summary>The chip's output pins, as <see cref="SdramController.PinOutputs"/> lists them (cke, cs_n, ras_n, cas_n, we_n, ba, a, dqm, dq_out, dq_oe).</summary>
    public IReadOnlyList<HdlValue> PinOutputs { get; }

    public BurstArbiter Arbiter { get; }

    public SdramController Controller { get; }
}
