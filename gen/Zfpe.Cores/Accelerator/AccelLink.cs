using Zfpe.Cores.Board;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Lib.Uart;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The board side of the ulx3s-accel serial protocol (PROTOCOL.md, <see cref="AccelLinkProtocol"/>): a
/// UART, a request parser that checks every frame's CRC before anything is done, the host's memory
/// port (a <see cref="MemoryRegionWriter"/> and a <see cref="MemoryRegionReader"/>), the layer settings
/// and start of an <see cref="AcceleratorCore"/>, and the reply writer.
/// <list type="bullet">
/// <item>A write frame's words wait in a block-RAM queue (a whole frame, <see cref="AccelLinkProtocol.MaxWords"/>
/// words) until its CRC has been checked: then they go to memory, or are dropped.</item>
/// <item>Nothing changes on a frame with a bad CRC, a framing error, a refused field, or (write, read,
/// layer, go) while the core runs; the reply's status says which.</item>
/// <item>A frame cut off (the line quiet for the idle timeout inside it) is dropped without a reply;
/// bytes that are not a command between frames are ignored. Frames are taken one at a time: a
/// command byte that arrives before the previous reply is out is ignored (stop-and-wait).</item>
/// </list>
/// </summary>
public sealed class AccelLink : Component
{
    public readonly Bool Rxd;
    public readonly Bool Txd;

    /// <summary>To the core: the layer (held from a good layer frame on), and a one-cycle start.</summary>
    public readonly LayerSettings Settings;
    public readonly Bool Start;

    /// <summary>From the core.</summary>
    public readonly Bool CoreBusy, MemoryReady, NonFinite;
    public readonly IReadOnlyList<UInt> Counters;

    /// <summary>The host's memory port.</summary>
    public readonly Stream<MemoryPortRequest> MemoryRequest;
    public readonly Stream<UInt> MemoryResponse;

    /// <summary>Activity, for LEDs: a byte received, a byte sent, the last reply's status was not 0.</summary>
    public readonly Bool RxByte, TxByte, ErrorSeen;

    private enum Parse { Idle, Header, Checked, Payload, CrcLow, CrcHigh, Execute }

    private enum Reply { Idle, Marker, Status, Body, CrcLow, CrcHigh }

    private const int HeaderBits = 8 * AccelLinkProtocol.LayerHeaderBytes;

    public AccelLink(AcceleratorCoreConfig core, UartConfig uart, long idleTimeoutCycles)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(uart);
        core.Validate();
        uart.Validate();
        if (idleTimeoutCycles is < 16 or > 1L << 40)
            throw new ArgumentOutOfRangeException(nameof(idleTimeoutCycles), idleTimeoutCycles, $"idle timeout = {idleTimeoutCycles} cycles is out of range: allowed 16..2^40");
        Params(core);
        Param("clock_hz", uart.ClockHz, 100_000_000L);
        Param("baud", uart.BaudRate, 3_000_000L);
        Param("timeout", idleTimeoutCycles, 10_000_000L);
        var addressBits = core.AddressBits;
        var lengthBits = core.Memory.Arbiter.LengthBits;
        var countBits = Widths.For(AccelLinkProtocol.MaxWords);

        Rxd = In.Bool("rxd");
        Txd = Out.Bool("txd");
        Settings = Out.Of(LayerSettings.Shape(addressBits), "settings");
        Start = Out.Bool("start");
        CoreBusy = In.Bool("core_busy");
        MemoryReady = In.Bool("memory_ready");
        NonFinite = In.Bool("non_finite");
        Counters = AccelLinkProtocol.CounterNames.Select(n => In.UInt(AcceleratorCore.CounterBits, n.Replace('-', '_'))).ToList();
        MemoryRequest = Out.Stream(MemoryPortRequest.Shape(addressBits, lengthBits), name: "memory_request");
        MemoryResponse = In.Stream(16, withLast: true, name: "memory_response");
        RxByte = Out.Bool("rx_byte");
        TxByte = Out.Bool("tx_byte");
        ErrorSeen = Out.Bool("error_seen");

        var rx = Instance(new UartRx(uart), "rx");
        var tx = Instance(new UartTx(uart), "tx");
        rx.Rxd.Assign(Rxd);
        Txd.Assign(tx.Txd);
        var words = Instance(new StreamQueue<UInt>(Shape.UInt(16), AccelLinkProtocol.MaxWords, QueueStorage.BlockRam), "frame_words");
        var writer = Instance(new MemoryRegionWriter(addressBits, core.Run), "writer");
        var reader = Instance(new MemoryRegionReader(addressBits, core.Run), "reader");

        // ---- receiving ---------------------------------------------------------------------------------
        var parse = new Fsm<Parse>(Parse.Idle, name: "parse");
        var command = Reg.UInt(8, reset: 0, name: "command");
        var header = Reg.UInt(HeaderBits, reset: null, name: "header");          // the newest byte at the top
        var headerLeft = Reg.UInt(6, reset: 0, name: "header_left");
        var crc = Reg.UInt(16, reset: Crc16Ccitt.Initial, name: "crc");
        var crcLow = Reg.UInt(8, reset: null, name: "received_crc_low");
        var crcGood = Reg.Bool(reset: false, name: "crc_good");
        var framing = Reg.Bool(reset: false, name: "framing");
        var payloadLeft = Reg.UInt(17, reset: 0, name: "payload_left");          // bytes of a write frame's payload still to come
        var storing = Reg.Bool(reset: false, name: "storing");                   // the payload's words go to the queue
        var stored = Reg.UInt(countBits, reset: 0, name: "stored");              // words of this frame in the queue
        var lowByte = Reg.UInt(8, reset: null, name: "low_byte");
        var oddByte = Reg.Bool(reset: false, name: "odd_byte");

        var timerBits = Widths.For(idleTimeoutCycles);
        var quiet = Reg.UInt(timerBits, reset: 0, name: "quiet_cycles");
        var timedOut = quiet == idleTimeoutCycles;
        // Inside a request, a byte with a 0 stop bit (which the receiver drops) still counts as a byte of
        // it, its value unknown: the request ends where the host ended it and is answered with the
        // framing-error status, rather than waiting for a byte that will not come and timing out silently.
        var got = rx.Output.Fire | (rx.FramingError & !parse.Is(Parse.Idle));
        var data = rx.Output.Payload;
        When(got, () => quiet.Assign(0UL)).ElseWhen(!timedOut, () => quiet.Assign(quiet + 1));
        rx.Output.Ready.Assign(Hw.True);
        When(rx.FramingError & !parse.Is(Parse.Idle), () => framing.Assign(Hw.True));
        var crcNext = Crc16Ccitt.Next(crc, data);

        // Header fields: with n header bytes, byte i sits at byte 35 − n + i of the register.
        UInt Field(int headerBytes, int offset, int bytes)
        {
            var low = 8 * (AccelLinkProtocol.LayerHeaderBytes - headerBytes + offset);
            return header[low + 8 * bytes - 1, low];
        }
        var regionAddress = Field(AccelLinkProtocol.RegionHeaderBytes, 0, 4);
        var regionCount = Field(AccelLinkProtocol.RegionHeaderBytes, 4, 2);
        var isWrite = command == AccelLinkProtocol.Write;
        var isRead = command == AccelLinkProtocol.Read;
        var isLayer = command == AccelLinkProtocol.Layer;
        var isGo = command == AccelLinkProtocol.Go;
        var countOk = (regionCount != 0) & (regionCount <= AccelLinkProtocol.MaxWords);

        // The queue's consumer: forwards a good frame's words to the writer, or drops them.
        var forwarding = Reg.Bool(reset: false, name: "forwarding");
        var draining = Reg.Bool(reset: false, name: "draining");
        var consumeLeft = Reg.UInt(countBits, reset: 0, name: "consume_left");
        var queueIdle = !forwarding & !draining;

        var replyPending = Reg.Bool(reset: false, name: "reply_pending");
        var replyCommand = Reg.UInt(8, reset: 0, name: "reply_command");
        var replyStatus = Reg.UInt(8, reset: 0, name: "reply_status");
        var reply = new Fsm<Reply>(Reply.Idle, name: "reply");
        var canTakeFrame = reply.Is(Reply.Idle) & !replyPending & queueIdle;

        var isCommand = AccelLinkProtocol.Commands.Select(c => data == c).Aggregate((a, b) => a | b);
        var headerLength = Wire.UInt(6, "header_length");
        // The protocol's table of header sizes, for the command byte just received (0 for the others).
        headerLength.Assign(AccelLinkProtocol.Commands.Where(c => AccelLinkProtocol.HeaderBytes(c) != 0)
            .Aggregate(Hw.U(0, 6), (length, c) => Hw.Mux(data == c, Hw.U((ulong)AccelLinkProtocol.HeaderBytes(c), 6), length)));

        // The abandoned frame's stored words are dropped.
        void Abandon()
        {
            parse.Next(Parse.Idle);
            When(stored != 0, () =>
            {
                draining.Assign(Hw.True);
                consumeLeft.Assign(stored);
            });
        }

        // A one-cycle start: its default comes before the state machine, whose go sets it.
        var start = Reg.Bool(reset: false, name: "start_pulse");
        start.Assign(Hw.False);

        parse.On(Parse.Idle, () => When(got & isCommand & canTakeFrame, () =>
        {
            command.Assign(data);
            crc.Assign(Crc16Ccitt.Next(Hw.U(Crc16Ccitt.Initial, 16), data));
            framing.Assign(Hw.False);
            stored.Assign(Hw.U(0, countBits));
            headerLeft.Assign(headerLength);
            When(headerLength == 0, () => parse.Next(Parse.CrcLow)).Otherwise(() => parse.Next(Parse.Header));
        }));
        parse.On(Parse.Header, () => When(got, () =>
        {
            header.Assign(Hw.Cat(data, header[HeaderBits - 1, 8]));
            crc.Assign(crcNext);
            headerLeft.Assign(headerLeft - 1);
            When(headerLeft == 1, () => parse.Next(Parse.Checked));
        }).ElseWhen(timedOut, Abandon));
        parse.On(Parse.Checked, () =>
        {
            // A write frame's payload: 2·count bytes, kept when the queue can hold them.
            payloadLeft.Assign(Hw.Cat(regionCount, Hw.U(0, 1)));
            storing.Assign(countOk);
            oddByte.Assign(Hw.False);
            When(isWrite & (regionCount != 0), () => parse.Next(Parse.Payload)).Otherwise(() => parse.Next(Parse.CrcLow));
        });
        words.Push.Valid.Assign(parse.Is(Parse.Payload) & got & oddByte & storing);
        words.Push.Payload.Assign(Hw.Cat(data, lowByte));
        parse.On(Parse.Payload, () => When(got, () =>
        {
            crc.Assign(crcNext);
            lowByte.Assign(data);
            oddByte.Assign(!oddByte);
            When(oddByte & storing, () => stored.Assign(stored + 1));
            payloadLeft.Assign(payloadLeft - 1);
            When(payloadLeft == 1, () => parse.Next(Parse.CrcLow));
        }).ElseWhen(timedOut, Abandon));
        parse.On(Parse.CrcLow, () => When(got, () =>
        {
            crcLow.Assign(data);
            parse.Next(Parse.CrcHigh);
        }).ElseWhen(timedOut, Abandon));
        parse.On(Parse.CrcHigh, () => When(got, () =>
        {
            crcGood.Assign(Hw.Cat(data, crcLow) == crc);
            parse.Next(Parse.Execute);
        }).ElseWhen(timedOut, Abandon));

        // ---- executing a checked frame ---------------------------------------------------------------
        var settings = Reg.Of(LayerSettings.Shape(addressBits), name: "layer");
        var layerSet = Reg.Bool(reset: false, name: "layer_set");
        var readMode = Reg.Bool(reset: false, name: "read_mode");
        var regionOffered = Reg.Bool(reset: false, name: "region_offered");
        var readOffered = Reg.Bool(reset: false, name: "read_offered");
        var memoryWords = 1L << addressBits;
        // The checks, in two rounds of registers: each field's check, then their combination. The header is
        // stable from its last byte on and Execute comes at least three cycles later (the CRC's two bytes),
        // so the layer registers' enables wait on no adder or comparator.
        Bool Checked(Bool check, string name) => Reg.Next(check, reset: 0, name: name);
        var regionFits = Checked(regionAddress.ZeroExtend(34) + regionCount.ZeroExtend(34) <= memoryWords, "region_fits");
        UInt LayerField(int offset, int bytes) => Field(AccelLinkProtocol.LayerHeaderBytes, offset, bytes);
        Bool AddressOk(UInt field) => field[31, addressBits] == 0;
        Bool WordsOk(UInt field) => (field != 0) & (field <= memoryWords);
        var layerOk = Checked((LayerField(0, 2) != 0) & (LayerField(2, 2) != 0) & (LayerField(4, 2) != 0), "layer_counts_ok")
                      & Checked(AddressOk(LayerField(7, 4)) & AddressOk(LayerField(15, 4)) & AddressOk(LayerField(19, 4)) & AddressOk(LayerField(27, 4)), "layer_addresses_ok")
                      & Checked(WordsOk(LayerField(11, 4)), "layer_weight_words_ok") & Checked(WordsOk(LayerField(23, 4)), "layer_input_words_ok")
                      & Checked(WordsOk(LayerField(31, 4)), "layer_output_words_ok");
        var refused = Reg.Bool(reset: false, name: "refused");
        refused.Assign(Hw.Mux(isWrite | isRead, !countOk | !regionFits, Hw.Mux(isLayer, !layerOk, isGo & (!layerSet | !MemoryReady))));
        var busyRefusal = Reg.Bool(reset: false, name: "busy_refusal");
        busyRefusal.Assign(CoreBusy & (isWrite | isRead | isLayer | isGo));
        var status = Wire.UInt(8, "status");
        status.Assign(Hw.Cat(Hw.U(0, 4), refused.AsUInt(), busyRefusal.AsUInt(), framing.AsUInt(), (!crcGood).AsUInt()));
        var accepted = status == 0;

        parse.On(Parse.Execute, () =>
        {
            parse.Next(Parse.Idle);
            replyPending.Assign(Hw.True);
            replyCommand.Assign(command);
            replyStatus.Assign(status);
            When(accepted, () =>
            {
                When(isWrite, () =>
                {
                    readMode.Assign(Hw.False);
                    regionOffered.Assign(Hw.True);
                    forwarding.Assign(Hw.True);
                    consumeLeft.Assign(stored);
                });
                When(isRead, () => readMode.Assign(Hw.True));
                When(isLayer, () =>
                {
                    settings.Outputs.Assign(LayerField(0, 2));
                    settings.OutputTiles.Assign(LayerField(2, 2));
                    settings.BatchTiles.Assign(LayerField(4, 2));
                    settings.Relu.Assign(LayerField(6, 1) != 0);
                    settings.WeightAddress.Assign(LayerField(7, 4).Truncate(addressBits));
                    settings.WeightWords.Assign(LayerField(11, 4).Truncate(addressBits + 1));
                    settings.BiasAddress.Assign(LayerField(15, 4).Truncate(addressBits));
                    settings.InputAddress.Assign(LayerField(19, 4).Truncate(addressBits));
                    settings.InputWords.Assign(LayerField(23, 4).Truncate(addressBits + 1));
                    settings.OutputAddress.Assign(LayerField(27, 4).Truncate(addressBits));
                    settings.OutputWords.Assign(LayerField(31, 4).Truncate(addressBits + 1));
                    layerSet.Assign(Hw.True);
                });
                When(isGo, () => start.Assign(Hw.True));
            }).ElseWhen(stored != 0, () =>
            {
                draining.Assign(Hw.True);
                consumeLeft.Assign(stored);
            });
        });
        Settings.Assign(settings);
        Start.Assign(start);

        // The queue's words: to the writer with last on the frame's final one, or dropped.
        writer.Regions.Valid.Assign(regionOffered);
        writer.Regions.Payload.Assign(regionAddress.Truncate(addressBits));
        When(writer.Regions.Fire, () => regionOffered.Assign(Hw.False));
        writer.Words.Valid.Assign(forwarding & words.Pop.Valid);
        writer.Words.Payload.Assign(words.Pop.Payload);
        writer.Words.Last!.Assign(consumeLeft == 1);
        words.Pop.Ready.Assign(Hw.Mux(forwarding, writer.Words.Ready, draining));
        When(words.Pop.Fire, () =>
        {
            consumeLeft.Assign(consumeLeft - 1);
            When(consumeLeft == 1, () =>
            {
                forwarding.Assign(Hw.False);
                draining.Assign(Hw.False);
            });
        });

        // The host's memory port: the writer's runs or the reader's.
        reader.Regions.Valid.Assign(readOffered);
        reader.Regions.Payload.Address.Assign(regionAddress.Truncate(addressBits));
        reader.Regions.Payload.Words.Assign(regionCount.ZeroExtend(addressBits + 1));
        When(reader.Regions.Fire, () => readOffered.Assign(Hw.False));
        MemoryRequest.Valid.Assign(Hw.Mux(readMode, reader.Request.Valid, writer.Request.Valid));
        MemoryRequest.Payload.Assign(Hw.Select(readMode.AsUInt(), new[] { writer.Request.Payload, reader.Request.Payload }));
        reader.Request.Ready.Assign(readMode & MemoryRequest.Ready);
        writer.Request.Ready.Assign(!readMode & MemoryRequest.Ready);
        reader.Response.ConnectFrom(MemoryResponse);

        // ---- replying ---------------------------------------------------------------------------------
        // A write's reply waits until its words are all handed to the memory (or dropped).
        var writeSettled = queueIdle & !regionOffered & writer.Idle;
        var replyGood = replyStatus == 0;
        var replyIsRead = replyCommand == AccelLinkProtocol.Read;
        var replyIsInfo = replyCommand == AccelLinkProtocol.Info;
        var replyIsStatus = replyCommand == AccelLinkProtocol.Status;
        var bodyIndex = Reg.UInt(5, reset: 0, name: "body_index");
        var highByte = Reg.Bool(reset: false, name: "high_byte");
        var sendCrc = Reg.UInt(16, reset: Crc16Ccitt.Initial, name: "send_crc");
        var snapshot = Reg.UInt(8 * AccelLinkProtocol.StatusBytes, reset: null, name: "status_snapshot");
        var flags = Hw.Cat(Hw.U(0, 4), layerSet.AsUInt(), NonFinite.AsUInt(), MemoryReady.AsUInt(), CoreBusy.AsUInt());
        var info = AccelLinkProtocol.InfoBody(core, uart.ClockHz, uart.Divisor);
        var infoByte = Hw.Select(bodyIndex, info.Select(b => Hw.U(b, 8)).Concat(Enumerable.Repeat(Hw.U(0, 8), 32 - info.Length)).ToArray());
        var snapshotBytes = Enumerable.Range(0, 32).Select(i => i < AccelLinkProtocol.StatusBytes ? snapshot[8 * i + 7, 8 * i] : Hw.U(0, 8)).ToArray();
        var statusByte = Hw.Select(bodyIndex, snapshotBytes);
        var readWord = reader.Words.Payload;
        var bodyByte = Hw.Mux(replyIsRead, Hw.Mux(highByte, readWord[15, 8], readWord[7, 0]), Hw.Mux(replyIsInfo, infoByte, statusByte));
        var bodyLast = Hw.Mux(replyIsInfo, bodyIndex == AccelLinkProtocol.InfoBytes - 1, bodyIndex == AccelLinkProtocol.StatusBytes - 1);

        var outByte = Wire.UInt(8, "out_byte");
        var outValid = Wire.Bool("out_valid");
        outByte.Assign(Hw.U(0, 8));
        outValid.Assign(Hw.False);
        reader.Words.Ready.Assign(Hw.False);
        tx.Input.Valid.Assign(outValid);
        tx.Input.Payload.Assign(outByte);
        var sent = tx.Input.Fire;
        // The CRC takes each sent byte a cycle later, from registers (the byte's multiplexers do not run into
        // its XOR tree); the CRC's own bytes wait for that cycle.
        var crcDue = Reg.Bool(reset: false, name: "crc_due");
        var crcByte = Reg.UInt(8, reset: null, name: "crc_byte");
        crcDue.Assign(sent & !reply.Is(Reply.CrcLow) & !reply.Is(Reply.CrcHigh));
        crcByte.Assign(outByte);
        When(crcDue, () => sendCrc.Assign(Crc16Ccitt.Next(sendCrc, crcByte)));

        reply.On(Reply.Idle, () => When(replyPending & (replyCommand != AccelLinkProtocol.Write | writeSettled), () =>
        {
            replyPending.Assign(Hw.False);
            sendCrc.Assign(Hw.U(Crc16Ccitt.Initial, 16));
            bodyIndex.Assign(Hw.U(0, 5));
            highByte.Assign(Hw.False);
            snapshot.Assign(Hw.Cat(Enumerable.Reverse(Counters).Append(flags).ToArray()));
            When(replyIsRead & replyGood, () => readOffered.Assign(Hw.True));
            reply.Next(Reply.Marker);
        }));
        reply.On(Reply.Marker, () =>
        {
            outValid.Assign(Hw.True);
            outByte.Assign(replyCommand | 0x20);
            When(sent, () => reply.Next(Reply.Status));
        });
        reply.On(Reply.Status, () =>
        {
            outValid.Assign(Hw.True);
            outByte.Assign(replyStatus);
            When(sent, () => When(replyGood & (replyIsRead | replyIsInfo | replyIsStatus), () => reply.Next(Reply.Body)).Otherwise(() => reply.Next(Reply.CrcLow)));
        });
        reply.On(Reply.Body, () =>
        {
            outValid.Assign(Hw.Mux(replyIsRead, reader.Words.Valid, Hw.True));
            outByte.Assign(bodyByte);
            reader.Words.Ready.Assign(replyIsRead & highByte & sent);
            When(sent, () =>
            {
                highByte.Assign(!highByte);
                bodyIndex.Assign(bodyIndex + 1);
                When(Hw.Mux(replyIsRead, highByte & reader.Words.Last!, bodyLast), () => reply.Next(Reply.CrcLow));
            });
        });
        reply.On(Reply.CrcLow, () =>
        {
            outValid.Assign(!crcDue);
            outByte.Assign(sendCrc[7, 0]);
            When(sent, () => reply.Next(Reply.CrcHigh));
        });
        reply.On(Reply.CrcHigh, () =>
        {
            outValid.Assign(Hw.True);
            outByte.Assign(sendCrc[15, 8]);
            When(sent, () => reply.Next(Reply.Idle));
        });

        // ---- activity -------------------------------------------------------------------------------------
        RxByte.Assign(got);
        TxByte.Assign(sent);
        var errorSeen = Reg.Bool(reset: false, name: "error_seen_q");
        When(reply.Is(Reply.Status) & sent, () => errorSeen.Assign(!replyGood));
        ErrorSeen.Assign(errorSeen);
    }
}
