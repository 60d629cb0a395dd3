using Zfpe.Cores.Codec;
using Zfpe.Cores.Processing;
using Zfpe.Hdl;
using Zfpe.Hdl.Lib.Sdram;
using Zfpe.Hdl.Lib.Streams;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The accelerator without its board: a dense layer computed from ZFPe-compressed weights and
/// inputs in SDRAM into ZFPe-compressed outputs in SDRAM, as <c>Zfpe.Reference.Accelerator.AcceleratorReference</c>
/// specifies bit for bit. Set <see cref="Settings"/> (held while <see cref="Busy"/>), pulse
/// <see cref="Start"/>; <see cref="Busy"/> falls when every output region has been handed to the
/// memory, after which the host port reads the results.
/// <list type="bullet">
/// <item>Memory: a <see cref="MemorySystem"/> of five ports: 0 the host's (<see cref="HostRequest"/>,
/// <see cref="HostResponse"/>; for loading and reading back while the core is idle), 1 weights, 2 inputs,
/// 3 biases (each a <see cref="MemoryRegionReader"/>), 4 outputs (a <see cref="MemoryRegionWriter"/>).</item>
/// <item>Order: for each batch tile bt, for each output tile ot: the weight region of ot, its biases,
/// and the input region of bt (read again for every output tile), through the array; the results of
/// bt's output tiles, one after the other, are bt's output region. Readers run ahead of the array
/// (their next regions are asked for while the current ones flow).</item>
/// <item>Datapath: words → <see cref="StreamRepack"/> (16 → block bits, the padding dropped) →
/// <see cref="ZfpeDecompressor"/> (one value per cycle) → the <see cref="PeArray"/>'s weights and inputs;
/// biases: words → 32-bit values; results → <see cref="ZfpeCompressor"/> → blocks → 16-bit words (the last
/// one zero-padded) → memory.</item>
/// <item>Counters (<see cref="CounterBits"/> bits, cleared by <see cref="Start"/>): cycles busy, cycles the
/// array waited for a weight or an input, cycles the results waited for the compressor, weights taken
/// by the array (× B = multiply-adds), words read and written.</item>
/// </list>
/// </summary>
public sealed class AcceleratorCore : Component
{
    /// <summary>The layer to run: must hold still from <see cref="SettingsSetupCycles"/> cycles before <see cref="Start"/> to the run's end.</summary>
    public readonly LayerSettings Settings;
    public readonly Bool Start;

    /// <summary>Cycles the settings must be in place before a start (some of what is derived from them is registered).</summary>
    public const int SettingsSetupCycles = 2;
    public readonly Bool Busy;

    /// <summary>High once the SDRAM's init sequence is done: the host may load and start.</summary>
    public readonly Bool MemoryReady;

    public readonly Stream<MemoryPortRequest> HostRequest;
    public readonly Stream<UInt> HostResponse;

    public readonly UInt BusyCycles;
    public readonly UInt WeightStarvedCycles;
    public readonly UInt InputStarvedCycles;
    public readonly UInt ResultStalledCycles;
    public readonly UInt WeightsTaken;
    public readonly UInt WordsRead;
    public readonly UInt WordsWritten;

    /// <summary>A result of the last run was not finite (the compressor's flag: the block was written as zero values).</summary>
    public readonly Bool NonFinite;

    public readonly UInt SdramDqIn;

    public const int CounterBits = AcceleratorCoreConfig.CounterBits;

    public AcceleratorCore(AcceleratorCoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Params(config);
        Param("pin_registers", config.PinRegisters, false);
        var addressBits = config.AddressBits;
        var blockBits = config.Decoder.BlockBits;
        var countBits = AcceleratorCoreConfig.CountBits;

        Settings = In.Of(LayerSettings.Shape(addressBits), "settings");
        Start = In.Bool("start");
        Busy = Out.Bool("busy");
        MemoryReady = Out.Bool("memory_ready");

        // ---- memory: the host's port and four streams ---------------------------------------------------
        var memory = Instance(new MemorySystem(config.Memory), "memory");
        var portShape = MemoryPortRequest.Shape(addressBits, config.Memory.Arbiter.LengthBits);
        HostRequest = In.Stream(portShape, name: "host_request");
        HostResponse = Out.Stream(16, withLast: true, name: "host_response");
        memory.Requests[AcceleratorCoreConfig.HostPort].ConnectFrom(HostRequest);
        HostResponse.ConnectFrom(memory.Responses[AcceleratorCoreConfig.HostPort]);
        SdramPins = SdramPinForwarding.Forward(memory.PinOutputs, name => Out.Bool(name: name), (width, name) => Out.UInt(width, name: name));
        SdramDqIn = In.UInt(16, name: "sdram_dq_in");
        memory.SdramDqIn.Assign(SdramDqIn);
        MemoryReady.Assign(memory.InitDone);

        MemoryRegionReader Reader(int port, string name)
        {
            var reader = Instance(new MemoryRegionReader(addressBits, config.Run), name);
            memory.Requests[port].ConnectFrom(reader.Request);
            reader.Response.ConnectFrom(memory.Responses[port]);
            return reader;
        }
        var weightReader = Reader(AcceleratorCoreConfig.WeightsPort, "weight_reader");
        var inputReader = Reader(AcceleratorCoreConfig.InputsPort, "input_reader");
        var biasReader = Reader(AcceleratorCoreConfig.BiasesPort, "bias_reader");
        var outputWriter = Instance(new MemoryRegionWriter(addressBits, config.Run), "output_writer");
        memory.Requests[AcceleratorCoreConfig.OutputsPort].ConnectFrom(outputWriter.Request);
        memory.Responses[AcceleratorCoreConfig.OutputsPort].Ready.Assign(Hw.True);

        // ---- a run: start, the region schedules, done ---------------------------------------------------
        var busy = Reg.Bool(reset: false, name: "running");
        var begin = Wire.Bool("run_start");
        begin.Assign(Start & !busy & memory.InitDone);
        // The settings hold still from the layer frame to the run's end, and a run starts at least a frame
        // after them: the last tiles' numbers are registers, no subtraction in front of the schedules.
        var lastOutputTile = Reg.UInt(Settings.OutputTiles.Width, reset: null, name: "last_output_tile");
        lastOutputTile.Assign(Settings.OutputTiles - 1);
        var lastBatchTile = Reg.UInt(Settings.BatchTiles.Width, reset: null, name: "last_batch_tile");
        lastBatchTile.Assign(Settings.BatchTiles - 1);

        // Weights and biases: output tile after output tile, again for every batch tile.
        Schedule(weightReader.Regions, "weight", begin, lastOutputTile, lastBatchTile, Settings.WeightAddress, Settings.WeightWords, advanceWithOutputTile: true);
        Schedule(biasReader.Regions, "bias", begin, lastOutputTile, lastBatchTile, Settings.BiasAddress,
            Hw.U((ulong)config.BiasWordsPerTile, addressBits + 1), advanceWithOutputTile: true);
        // Inputs: batch tile bt's region once for every output tile.
        Schedule(inputReader.Regions, "input", begin, lastOutputTile, lastBatchTile, Settings.InputAddress, Settings.InputWords, advanceWithOutputTile: false);

        // Outputs: a region per batch tile.
        var outputAddress = Reg.UInt(addressBits, reset: 0, name: "output_address");
        var outputTilesLeft = Reg.UInt(countBits, reset: 0, name: "output_regions_left");
        var outputAsking = Reg.Bool(reset: false, name: "output_asking");
        outputWriter.Regions.Valid.Assign(outputAsking);
        outputWriter.Regions.Payload.Assign(outputAddress);
        When(begin, () =>
        {
            outputAddress.Assign(Settings.OutputAddress);
            outputTilesLeft.Assign(lastBatchTile);
            outputAsking.Assign(Hw.True);
        }).ElseWhen(outputWriter.Regions.Fire, () =>
        {
            outputAddress.Assign(outputAddress + Settings.OutputWords.Truncate(addressBits));
            outputTilesLeft.Assign(outputTilesLeft - 1);
            outputAsking.Assign(outputTilesLeft != 0);
        });

        // Done when the writer has handed every output region to the memory.
        var writtenAtStart = Reg.UInt(MemoryRegionWriter.CountBits, reset: 0, name: "written_at_start");
        var regionsDone = Wire.UInt(countBits, "regions_done");
        regionsDone.Assign((outputWriter.RegionsWritten - writtenAtStart).Resize(countBits));
        var finishing = Wire.Bool("finishing");
        finishing.Assign(busy & !outputAsking & (regionsDone == Settings.BatchTiles));
        When(begin, () =>
        {
            busy.Assign(Hw.True);
            writtenAtStart.Assign(outputWriter.RegionsWritten);
        }).ElseWhen(finishing, () => busy.Assign(Hw.False));
        Busy.Assign(busy);

        // ---- datapath ---------------------------------------------------------------------------------
        var array = Instance(new PeArray(config.Array), "array");
        array.LayerOutputs.Assign(Settings.Outputs);
        array.Relu.Assign(Settings.Relu);

        Stream<UInt> Decode(MemoryRegionReader reader, string name)
        {
            var unpack = Instance(new StreamRepack(16, blockBits, RepackTail.Drop), $"{name}_unpack");
            unpack.Input.ConnectFrom(reader.Words);
            var decoder = Instance(new ZfpeDecompressor(config.Decoder), $"{name}_decoder");
            decoder.Blocks.ConnectFrom(unpack.Output);
            return decoder.Values;
        }
        Stream<UInt> weights;
        if (config.Weights == WeightStorage.Raw)
        {
            var rawWeights = Instance(new StreamRepack(16, 32, RepackTail.Drop), "weight_words");
            rawWeights.Input.ConnectFrom(weightReader.Words);
            weights = rawWeights.Output;
        }
        else weights = Decode(weightReader, "weight");
        array.Weights.Valid.Assign(weights.Valid);
        array.Weights.Payload.Assign(weights.Payload);
        weights.Ready.Assign(array.Weights.Ready);
        array.Inputs.ConnectFrom(Decode(inputReader, "input"));

        var biasWords = Instance(new StreamRepack(16, 32, RepackTail.Drop), "bias_words");
        biasWords.Input.ConnectFrom(biasReader.Words);
        array.Biases.Valid.Assign(biasWords.Output.Valid);
        array.Biases.Payload.Assign(biasWords.Output.Payload);
        biasWords.Output.Ready.Assign(array.Biases.Ready);

        // Results: an output tile's last result ends bt's output region only in the last output tile.
        var resultTile = Reg.UInt(countBits, reset: 0, name: "result_tile");
        var encoder = Instance(new ZfpeCompressor(config.Encoder), "output_encoder");
        var results = array.Results;
        encoder.Values.Valid.Assign(results.Valid);
        encoder.Values.Payload.Assign(results.Payload);
        encoder.Values.Last!.Assign(results.Last! & (resultTile == lastOutputTile));
        results.Ready.Assign(encoder.Values.Ready);
        When(begin, () => resultTile.Assign(Hw.U(0, countBits)))
            .ElseWhen(results.Fire & results.Last!, () => resultTile.Assign(Hw.Mux(resultTile == lastOutputTile, Hw.U(0, countBits), resultTile + 1)));
        encoder.ClearStatus.Assign(begin);
        NonFinite = Out.Bool("non_finite");
        NonFinite.Assign(encoder.NonFinite);
        var pack = Instance(new StreamRepack(blockBits, 16, RepackTail.Pad), "output_pack");
        // A skid stage: the gearbox's ready (its fill count) does not run into the compressor's stage enables.
        pack.Input.ConnectFrom(encoder.Blocks.SkidStage("encoded_blocks"));
        outputWriter.Words.ConnectFrom(pack.Output);

        // ---- counters ---------------------------------------------------------------------------------
        // Each counts what happened in the cycle before (a register), so the streams' handshakes do not run
        // into the counters' enables; a run's counts are complete the cycle after it ends.
        UInt Counter(string name, Bool count)
        {
            var value = Reg.UInt(CounterBits, reset: 0, name: $"{name}_count");
            var seen = Reg.Next(count, reset: 0, name: $"{name}_seen");
            When(begin, () => value.Assign(Hw.U(0, CounterBits))).ElseWhen(seen, () => value.Assign(value + 1));
            var output = Out.UInt(CounterBits, name);
            output.Assign(value);
            return output;
        }
        BusyCycles = Counter("busy_cycles", busy);
        WeightStarvedCycles = Counter("weight_starved_cycles", busy & array.Weights.Ready & !array.Weights.Valid);
        InputStarvedCycles = Counter("input_starved_cycles", busy & array.Inputs.Ready & !array.Inputs.Valid);
        ResultStalledCycles = Counter("result_stalled_cycles", busy & results.Valid & !results.Ready);
        WeightsTaken = Counter("weights_taken", array.Weights.Fire);
        var reads = new[] { weightReader.Words.Fire, inputReader.Words.Fire, biasReader.Words.Fire }
            .Select((fire, i) => Reg.Next(fire, reset: 0, name: $"word_read_{i}")).ToArray();
        var wordsRead = Reg.UInt(CounterBits, reset: 0, name: "words_read_count");
        When(begin, () => wordsRead.Assign(Hw.U(0, CounterBits)))
            .Otherwise(() => wordsRead.Assign(wordsRead + reads.Select(r => r.AsUInt().ZeroExtend(2)).Aggregate((a, b) => a + b).ZeroExtend(CounterBits)));
        WordsRead = Out.UInt(CounterBits, "words_read");
        WordsRead.Assign(wordsRead);
        WordsWritten = Counter("words_written", outputWriter.Request.Fire);
    }

    public AcceleratorCoreConfig Config { get; }

    /// <summary>The SDRAM chip's pins this drives (<c>sdram_cke</c> … <c>sdram_dq_oe</c>): a parent forwards them.</summary>
    public IReadOnlyList<HdlValue> SdramPins { get; }

    /// <summary>
    /// Asks a reader for its regions over a run: for each batch tile, for each output tile, one region
    /// of <paramref name="words"/> words; its address steps by <paramref name="words"/> with the output tile
    /// (back to <paramref name="start"/> for the next batch tile) or with the batch tile.
    /// </summary>
    private void Schedule(Stream<MemoryRegion> regions, string name, Bool begin, UInt lastOutputTile, UInt lastBatchTile, UInt start, UInt words, bool advanceWithOutputTile)
    {
        var countBits = lastOutputTile.Width;
        var addressBits = start.Width;
        var outputTile = Reg.UInt(countBits, reset: 0, name: $"{name}_output_tile");
        var batchTile = Reg.UInt(countBits, reset: 0, name: $"{name}_batch_tile");
        var address = Reg.UInt(addressBits, reset: 0, name: $"{name}_address");
        var asking = Reg.Bool(reset: false, name: $"{name}_asking");
        regions.Valid.Assign(asking);
        regions.Payload.Address.Assign(address);
        regions.Payload.Words.Assign(words);
        var step = words.Truncate(addressBits);
        var endOfBatchTile = outputTile == lastOutputTile;
        When(begin, () =>
        {
            outputTile.Assign(Hw.U(0, countBits));
            batchTile.Assign(Hw.U(0, countBits));
            address.Assign(start);
            asking.Assign(Hw.True);
        }).ElseWhen(regions.Fire, () =>
        {
            outputTile.Assign(Hw.Mux(endOfBatchTile, Hw.U(0, countBits), outputTile + 1));
            When(endOfBatchTile, () =>
            {
                batchTile.Assign(batchTile + 1);
                asking.Assign(batchTile != lastBatchTile);
            });
            if (advanceWithOutputTile)
                address.Assign(Hw.Mux(endOfBatchTile, start, address + step));
            else
                When(endOfBatchTile, () => address.Assign(address + step));
        });
    }
}
