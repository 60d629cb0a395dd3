using System.Buffers.Binary;

namespace Zfpe.Cores.Accelerator;

/// <summary>
/// The ulx3s-accel serial protocol (PROTOCOL.md in this folder), the numbers both sides share: the
/// board's <see cref="AccelLink"/> and the host's session. Every frame, both ways, ends with the
/// CRC-16/CCITT-FALSE of its other bytes (<see cref="Board.Crc16Ccitt"/>), low byte first.
/// </summary>
public static class AccelLinkProtocol
{
    public const byte Version = 1;

    public const byte Info = (byte)'I', Write = (byte)'W', Read = (byte)'R', Layer = (byte)'L', Go = (byte)'G', Status = (byte)'S';

    /// <summary>A reply's marker: the request's command in lower case.</summary>
    public static byte ReplyMarker(byte command) => (byte)(command | 0x20);

    /// <summary>Most words a write or read frame carries.</summary>
    public const int MaxWords = 2048;

    /// <summary>Bytes of the write and read headers: the word address (u32), the word count (u16).</summary>
    public const int RegionHeaderBytes = 6;

    /// <summary>Bytes of the layer header (<see cref="LayerFields"/>).</summary>
    public const int LayerHeaderBytes = 35;

    /// <summary>The layer header's fields in order, with their sizes in bytes.</summary>
    public static IReadOnlyList<(string Name, int Bytes)> LayerFields { get; } =
    [
        ("outputs", 2), ("output-tiles", 2), ("batch-tiles", 2), ("relu", 1),
        ("weight-address", 4), ("weight-words", 4), ("bias-address", 4),
        ("input-address", 4), ("input-words", 4), ("output-address", 4), ("output-words", 4),
    ];

    /// <summary>Header bytes after the command byte (before a write's payload and the CRC).</summary>
    public static int HeaderBytes(byte command) => command switch
    {
        Write or Read => RegionHeaderBytes,
        Layer => LayerHeaderBytes,
        Info or Go or Status => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, $"0x{command:x2} is not a command of protocol version {Version}"),
    };

    public static IReadOnlyList<byte> Commands { get; } = [Info, Write, Read, Layer, Go, Status];

    /// <summary>Status bits of a reply (0: done as asked). Any of them: nothing was done.</summary>
    public const byte BadCrc = 0x01, FramingError = 0x02, Busy = 0x04, Refused = 0x08;

    /// <summary>Bytes of the info reply's body.</summary>
    public const int InfoBytes = 24;

    /// <summary>Bytes of the status reply's body: flags, then the seven counters (u32 each).</summary>
    public const int StatusBytes = 1 + 4 * 7;

    /// <summary>The counters of the status reply, in order (<see cref="AcceleratorCore"/>).</summary>
    public static readonly string[] CounterNames =
        ["busy-cycles", "weight-starved-cycles", "input-starved-cycles", "result-stalled-cycles", "weights-taken", "words-read", "words-written"];

    /// <summary>Flags of the status reply.</summary>
    public const byte FlagBusy = 0x01, FlagMemoryReady = 0x02, FlagNonFinite = 0x04, FlagLayerSet = 0x08;

    /// <summary>The info reply's body for a build (24 bytes; little-endian).</summary>
    public static byte[] InfoBody(AcceleratorCoreConfig core, long clockHz, int divisor)
    {
        ArgumentNullException.ThrowIfNull(core);
        var body = new byte[InfoBytes];
        body[0] = Version;
        body[1] = (byte)core.Pes;
        body[2] = (byte)core.OutputsPerPe;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(3, 2), (ushort)core.BatchTile);
        body[5] = (byte)core.M;
        body[6] = (byte)core.GuardBits;
        body[7] = (byte)core.B;
        body[8] = (byte)core.ExponentBits;
        body[9] = (byte)core.Split;
        body[10] = (byte)core.Rounding;
        body[11] = (byte)core.Part;
        body[12] = (byte)core.AddressBits;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(13, 2), (ushort)core.Run);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(15, 2), (ushort)MaxWords);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(17, 4), (uint)(clockHz / 1000));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(21, 2), (ushort)divisor);
        body[23] = (byte)core.Weights;
        return body;
    }
}
