using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Ecp5;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>
/// Shares one SDRAM controller among <c>ports</c> request streams, by composition: each port's
/// requests pass a credit gate into a <see cref="StreamArbiter{T}"/> that locks its grant for a
/// whole run (a read run is one beat, a write run one beat per word), then a skid stage to the
/// controller with the port's index as the tag; read words come back in order and go by their tag
/// into the port's block-RAM response queue (1,024 words, of which <c>response-depth</c> are credited).
/// <list type="bullet">
/// <item>Grant: round-robin (a waiting port is granted within ports − 1 other runs) or priority
/// (the lowest index); held from a run's first beat to its last, so runs never interleave. The
/// grant is a register (<see cref="StreamArbiter{T}"/> with a registered grant): it is decided in
/// the cycle after a run's last beat and the next port's first beat is offered the cycle after
/// that, so no path runs from a port's valid through the choice into the stage to the controller.</item>
/// <item>Credits: a port starts with <c>response-depth</c>; a read run is granted only when the
/// port holds credits for a whole run (<c>run</c> words, whatever the run asks for: the test is a
/// register), the run's words are taken from them the cycle after (the port waits that cycle), and
/// one is given back the cycle after a word leaves the port's response stream. So a response queue never overflows and the memory's
/// response stream is never held: backpressure on one port never stalls another.</item>
/// <item>Latency: a request beat taken by the arbiter is offered to the controller the cycle after;
/// a read word offered by the controller is offered on the port four cycles after (the block-RAM
/// queue, read through the DP16KD's output register: <see cref="BlockRamQueue.Latency"/>).</item>
/// </list>
/// </summary>
public sealed class BurstArbiter : Component
{
    public readonly IReadOnlyList<Stream<MemoryPortRequest>> Requests;
    public readonly IReadOnlyList<Stream<UInt>> Responses;

    /// <summary>To the controller: the runs, tagged with their port.</summary>
    public readonly Stream<SdramRequest> MemoryRequest;

    /// <summary>From the controller: read words in request order, tagged with their port.</summary>
    public readonly Stream<SdramResponse> MemoryResponse;

    /// <summary>Bit i: port i has a run that may be granted (a request, and credits for a read).</summary>
    public readonly UInt Waiting;

    public BurstArbiter(BurstArbiterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Params(config);
        Config = config;
        var n = config.Ports;
        var portShape = MemoryPortRequest.Shape(config.AddressBits, config.LengthBits);
        var requestShape = SdramRequest.Shape(config.AddressBits, config.TagBits);
        Requests = Enumerable.Range(0, n).Select(i => In.Stream(portShape, name: $"port{i}_request")).ToList();
        Responses = Enumerable.Range(0, n).Select(i => Out.Stream(16, withLast: true, name: $"port{i}_response")).ToList();
        MemoryRequest = Out.Stream(requestShape, name: "memory_request");
        MemoryResponse = In.Stream(SdramResponse.Shape(config.TagBits), withLast: true, name: "memory_response");
        Waiting = Out.UInt(n, name: "waiting");

        var arbiter = Instance(new StreamArbiter<MemoryPortRequest>(portShape, n, config.Policy, lockFragments: true, registeredGrant: true), "run_grant");
        var creditBits = StreamPayloads.BitsFor(config.ResponseDepth + 1);
        var waiting = new List<Bool>();

        // ---- per port: where it is in a write run, its credits, the gate into the arbiter ---------------
        for (var i = 0; i < n; i++)
        {
            var port = Requests[i];
            var beat = port.Payload;
            var left = Reg.UInt(config.LengthBits, reset: 0, name: $"write_left{i}");       // beats of a write run after the one offered
            var inWriteRun = Reg.Bool(reset: false, name: $"in_write_run{i}");              // left != 0, as a register
            var lastOfRun = Reg.Bool(reset: false, name: $"last_of_run{i}");                // left == 1, as a register
            var credits = Reg.UInt(creditBits, reset: (ulong)config.ResponseDepth, name: $"credits{i}");
            var spent = Reg.UInt(creditBits, reset: null, name: $"spent{i}");                 // words of the request offered last cycle
            var justGranted = Reg.Bool(reset: false, name: $"read_granted{i}");
            var runCredits = Reg.Bool(reset: true, name: $"run_credits{i}");                 // credits for a whole run, as of last cycle
            var midRun = inWriteRun;
            var mayGo = midRun | beat.Write | (runCredits & !justGranted);
            var input = arbiter.Inputs[i];
            input.Valid.Assign(port.Valid & mayGo);
            StreamPayloads.Assign(input.Payload, beat);
            input.Last!.Assign(Hw.Mux(midRun, lastOfRun, !beat.Write | (beat.WordsMinusOne == 0)));
            port.Ready.Assign(input.Ready & mayGo);
            waiting.Add(port.Valid & mayGo & !midRun);
            When(port.Fire, () => When(midRun, () =>
            {
                left.Assign(left - 1);
                inWriteRun.Assign(!lastOfRun);
                lastOfRun.Assign(left == 2);
            }).ElseWhen(beat.Write, () =>
            {
                left.Assign(beat.WordsMinusOne);
                inWriteRun.Assign(beat.WordsMinusOne != 0);
                lastOfRun.Assign(beat.WordsMinusOne == 1);
            }));

            // A read run's credits are taken the cycle after its grant (the port waits that cycle), a word
            // leaving the port gives one back; the run test is a register, so no carry chain of the
            // credit count lies on the grant's path.
            var grantRead = port.Fire & !midRun & !beat.Write;
            justGranted.Assign(grantRead);
            spent.Assign(beat.WordsMinusOne.ZeroExtend(creditBits) + 1);
            // A word that left the port gives its credit back a cycle later, by a register: the port's ready
            // (the consumer's logic) does not run into the credit count's adders.
            var returned = Reg.Next(Responses[i].Fire, reset: 0, name: $"returned{i}");
            var next = credits + returned.AsUInt().ZeroExtend(creditBits) - Hw.Mux(justGranted, spent, Hw.U(0, creditBits));
            credits.Assign(next);
            runCredits.Assign(next >= config.Run);
        }
        Waiting.Assign(Hw.Cat(Enumerable.Reverse(waiting).Select(w => w.AsUInt()).ToArray()));

        // ---- the granted run, tagged with its port, through a skid stage to the controller ----------------
        var tagged = Wire.Stream(requestShape, name: "tagged");
        var granted = arbiter.Output.Payload;
        tagged.Valid.Assign(arbiter.Output.Valid);
        arbiter.Output.Ready.Assign(tagged.Ready);
        tagged.Payload.Address.Assign(granted.Address);
        tagged.Payload.Write.Assign(granted.Write);
        tagged.Payload.Data.Assign(granted.Data);
        tagged.Payload.ByteEnable.Assign(granted.ByteEnable);
        tagged.Payload.WordsMinusOne.Assign(granted.WordsMinusOne.ZeroExtend(SdramControllerConfig.LengthBits));
        tagged.Payload.Tag.Assign(arbiter.Grant);
        MemoryRequest.ConnectFrom(tagged.SkidStage("to_memory"));

        // ---- read words back to their port (credits guarantee the room) ---------------------------------
        var tag = MemoryResponse.Payload.Tag;
        for (var i = 0; i < n; i++)
        {
            // {last, data} in a block-RAM queue read through the DP16KD's output register: the port's
            // consumer sees a register, not the 5.5 ns of an unregistered block-RAM read.
            var queue = Instance(new BlockRamQueue(17), $"responses{i}");
            queue.Push.Valid.Assign(MemoryResponse.Valid & (tag == i));
            queue.Push.Payload.Assign(Hw.Cat(MemoryResponse.Last!.AsUInt(), MemoryResponse.Payload.Data));
            Responses[i].Valid.Assign(queue.Pop.Valid);
            Responses[i].Payload.Assign(queue.Pop.Payload[15, 0]);
            Responses[i].Last!.Assign(queue.Pop.Payload[16]);
            queue.Pop.Ready.Assign(Responses[i].Ready);
        }
        // The credits guarantee each word a place in its port's queue, so the controller's words are always
        // taken: no path from the tag (LUT RAM in the controller's queue) through the queues' readies back
        // into the controller's pop and its count of reads outstanding.
        MemoryResponse.Ready.Assign(Hw.True);
    }

    public BurstArbiterConfig Config { get; }
}
