using System.Buffers.Binary;
using Zfpe.Cores.Accelerator;
using Zfpe.Cores.Board;
using Zfpe.Reference.Accelerator;
using Zfpe.Reference.Dense;

namespace Zfpe.Host;

/// <summary>What an ulx3s-accel build is (the info reply, gen/Zfpe.Cores/Accelerator/PROTOCOL.md).</summary>
public sealed record AccelInfo(
    int Version, int Pes, int OutputsPerPe, int BatchTile, int M, int GuardBits, int B, int ExponentBits, int Split,
    int Rounding, int Part, int AddressBits, int Run, int MaxWords, long ClockKhz, int Divisor, int WeightStorage)
{
    public static AccelInfo Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length != AccelLinkProtocol.InfoBytes)
            throw new InvalidDataException($"an info body has {AccelLinkProtocol.InfoBytes} bytes, not {body.Length}");
        return new AccelInfo(body[0], body[1], body[2], BinaryPrimitives.ReadUInt16LittleEndian(body[3..]), body[5], body[6], body[7], body[8], body[9],
            body[10], body[11], body[12], BinaryPrimitives.ReadUInt16LittleEndian(body[13..]), BinaryPrimitives.ReadUInt16LittleEndian(body[15..]),
            BinaryPrimitives.ReadUInt32LittleEndian(body[17..]), BinaryPrimitives.ReadUInt16LittleEndian(body[21..]), body[23]);
    }

    /// <summary>The build's parameters as an <see cref="AcceleratorCoreConfig"/> (the clock rounded to MHz).</summary>
    public AcceleratorCoreConfig Core => new(Pes, OutputsPerPe, BatchTile, M, GuardBits, B, ExponentBits, Split,
        (Zfpe.Cores.Codec.PayloadRounding)Rounding, Run, (Zfpe.Hdl.Lib.Sdram.SdramPartChoice)Part, (int)Math.Round(ClockKhz / 1000.0), (WeightStorage)WeightStorage);

    public long MemoryWords => 1L << AddressBits;

    public override string ToString() =>
        $"protocol {Version}, pes={Pes}, outputs-per-pe={OutputsPerPe}, batch-tile={BatchTile}, m={M}, guard-bits={GuardBits}, b={B}, exponent-bits={ExponentBits}, split={Split}, " +
        $"rounding={(Rounding == 0 ? "truncate" : "nearest")}, {1L << AddressBits >> 19} MB, run={Run}, {ClockKhz / 1000.0:0.###} MHz";
}

/// <summary>The status reply: flags and the counters of the last run.</summary>
public sealed record AccelStatus(bool Busy, bool MemoryReady, bool NonFinite, bool LayerSet, IReadOnlyList<uint> Counters)
{
    public static AccelStatus Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length != AccelLinkProtocol.StatusBytes)
            throw new InvalidDataException($"a status body has {AccelLinkProtocol.StatusBytes} bytes, not {body.Length}");
        var flags = body[0];
        var counters = new uint[AccelLinkProtocol.CounterNames.Length];
        for (var i = 0; i < counters.Length; i++) counters[i] = BinaryPrimitives.ReadUInt32LittleEndian(body[(1 + 4 * i)..]);
        return new AccelStatus((flags & AccelLinkProtocol.FlagBusy) != 0, (flags & AccelLinkProtocol.FlagMemoryReady) != 0,
            (flags & AccelLinkProtocol.FlagNonFinite) != 0, (flags & AccelLinkProtocol.FlagLayerSet) != 0, counters);
    }

    public uint Counter(string name) => Counters[Array.IndexOf(AccelLinkProtocol.CounterNames, name) is var i and >= 0 ? i : throw new ArgumentException($"no counter '{name}'", nameof(name))];
}

/// <summary>A reply whose status says the board did nothing, with the reason.</summary>
public sealed class AccelLinkException(byte command, byte status)
    : IOException($"the board refused the {NameOf(command)} request: {Describe(status)}")
{
    public byte Command { get; } = command;
    public byte Status { get; } = status;

    public static string NameOf(byte command) => command switch
    {
        AccelLinkProtocol.Info => "info", AccelLinkProtocol.Write => "write", AccelLinkProtocol.Read => "read",
        AccelLinkProtocol.Layer => "layer", AccelLinkProtocol.Go => "go", AccelLinkProtocol.Status => "status", _ => $"0x{command:x2}",
    };

    public static string Describe(byte status)
    {
        var reasons = new List<string>();
        if ((status & AccelLinkProtocol.BadCrc) != 0) reasons.Add("its CRC did not match (a damaged frame)");
        if ((status & AccelLinkProtocol.FramingError) != 0) reasons.Add("a byte arrived with a bad stop bit (wrong baud rate?)");
        if ((status & AccelLinkProtocol.Busy) != 0) reasons.Add("a layer is running");
        if ((status & AccelLinkProtocol.Refused) != 0) reasons.Add("a field is out of range, or go came before a layer was set or the SDRAM was ready");
        return reasons.Count == 0 ? "none" : string.Join("; ", reasons);
    }
}

/// <summary>
/// The host side of the ulx3s-accel protocol (gen/Zfpe.Cores/Accelerator/PROTOCOL.md) over a
/// <see cref="HostLink"/>: one method per command, each frame built with its CRC and each reply's
/// marker, status and CRC checked.
/// </summary>
public sealed class AccelSession(HostLink link, TimeSpan replyTimeout)
{
    public HostLink Link { get; } = link;

    public TimeSpan ReplyTimeout { get; } = replyTimeout;

    public long BytesSent { get; private set; }

    public long BytesReceived { get; private set; }

    public AccelInfo Info()
    {
        Link.DiscardInput();
        var body = Exchange(AccelLinkProtocol.Info, [], AccelLinkProtocol.InfoBytes);
        var info = AccelInfo.Parse(body);
        if (info.Version != AccelLinkProtocol.Version)
            throw new InvalidDataException($"the board speaks protocol version {info.Version}; this host speaks {AccelLinkProtocol.Version}: rebuild the bitstream or the host from the same sources");
        return info;
    }

    /// <summary>Writes <paramref name="words"/> from word <paramref name="address"/> on, a frame of at most <see cref="AccelLinkProtocol.MaxWords"/> words at a time.</summary>
    public void Write(long address, ReadOnlySpan<ushort> words, Action<long>? progress = null)
    {
        for (var done = 0; done < words.Length; done += AccelLinkProtocol.MaxWords)
        {
            var chunk = words.Slice(done, Math.Min(AccelLinkProtocol.MaxWords, words.Length - done));
            var header = new byte[AccelLinkProtocol.RegionHeaderBytes + 2 * chunk.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(header, checked((uint)(address + done)));
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)chunk.Length);
            for (var i = 0; i < chunk.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6 + 2 * i), chunk[i]);
            Exchange(AccelLinkProtocol.Write, header, 0);
            progress?.Invoke(chunk.Length);
        }
    }

    /// <summary>Reads <paramref name="count"/> words from word <paramref name="address"/> on.</summary>
    public ushort[] Read(long address, int count, Action<long>? progress = null)
    {
        var words = new ushort[count];
        for (var done = 0; done < count; done += AccelLinkProtocol.MaxWords)
        {
            var n = Math.Min(AccelLinkProtocol.MaxWords, count - done);
            var header = new byte[AccelLinkProtocol.RegionHeaderBytes];
            BinaryPrimitives.WriteUInt32LittleEndian(header, checked((uint)(address + done)));
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (ushort)n);
            var body = Exchange(AccelLinkProtocol.Read, header, 2 * n);
            for (var i = 0; i < n; i++) words[done + i] = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2 * i));
            progress?.Invoke(n);
        }
        return words;
    }

    /// <summary>Sets up a layer (the layer command).</summary>
    public void Layer(ArraySchedule schedule, bool relu, LayerPlacement place)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(place);
        Exchange(AccelLinkProtocol.Layer, LayerHeader(schedule, relu, place), 0);
    }

    /// <summary>The layer command's header (35 bytes).</summary>
    public static byte[] LayerHeader(ArraySchedule schedule, bool relu, LayerPlacement place)
    {
        var h = new byte[AccelLinkProtocol.LayerHeaderBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(h, checked((ushort)schedule.Outputs));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), checked((ushort)schedule.OutputTiles));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), checked((ushort)schedule.BatchTiles));
        h[6] = relu ? (byte)1 : (byte)0;
        long[] fields = [place.WeightAddress, place.WeightWords, place.BiasAddress, place.InputAddress, place.InputWords, place.OutputAddress, place.OutputWords];
        for (var i = 0; i < fields.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(7 + 4 * i), checked((uint)fields[i]));
        return h;
    }

    /// <summary>Starts the layer set up last.</summary>
    public void Go() => Exchange(AccelLinkProtocol.Go, [], 0);

    public AccelStatus Status() => AccelStatus.Parse(Exchange(AccelLinkProtocol.Status, [], AccelLinkProtocol.StatusBytes));

    /// <summary>Polls the status until the run is over; returns the last status.</summary>
    public AccelStatus WaitWhileBusy(TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var status = Status();
            if (!status.Busy) return status;
            if (clock.Elapsed > limit) throw new TimeoutException($"the board was still running the layer after {limit.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Sends a frame and reads its reply; returns the body (empty unless the command has one).</summary>
    private byte[] Exchange(byte command, ReadOnlySpan<byte> header, int bodyBytes)
    {
        var frame = new byte[1 + header.Length + 2];
        frame[0] = command;
        header.CopyTo(frame.AsSpan(1));
        var crc = FrameCrc.Compute(frame.AsSpan(0, frame.Length - 2));
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(frame.Length - 2), crc);
        Link.Write(frame);
        BytesSent += frame.Length;

        var what = $"{AccelLinkException.NameOf(command)} request";
        var head = new byte[2];
        Link.ReadExactly(head, ReplyTimeout, what);
        if (head[0] != AccelLinkProtocol.ReplyMarker(command))
            throw new InvalidDataException($"the reply to the {what} starts with 0x{head[0]:x2}, not '{(char)AccelLinkProtocol.ReplyMarker(command)}': the board is out of step or not an ulx3s-accel build");
        var rest = new byte[(head[1] == 0 ? bodyBytes : 0) + 2];
        Link.ReadExactly(rest, ReplyTimeout, what);
        BytesReceived += head.Length + rest.Length;
        var expected = FrameCrc.Compute(rest.AsSpan(0, rest.Length - 2), FrameCrc.Compute(head));
        var received = BinaryPrimitives.ReadUInt16LittleEndian(rest.AsSpan(rest.Length - 2));
        if (expected != received)
            throw new InvalidDataException($"the reply to the {what} is damaged: its CRC is 0x{received:x4}, its bytes give 0x{expected:x4}");
        if (head[1] != 0) throw new AccelLinkException(command, head[1]);
        return rest.AsSpan(0, rest.Length - 2).ToArray();
    }

}
