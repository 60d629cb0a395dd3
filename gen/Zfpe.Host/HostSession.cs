using System.Diagnostics;
using Zfpe.Cores.Board;

namespace Zfpe.Host;

/// <summary>
/// The host side of the ulx3s-codec protocol (gen/Zfpe.Cores/Board/PROTOCOL.md) over a
/// <see cref="HostLink"/>: asks the board for its parameters, and sends values request by
/// request (stop-and-wait), collecting the blocks and decoded values.
/// </summary>
public sealed class HostSession(HostLink link, TimeSpan replyTimeout)
{
    public HostLink Link { get; } = link;

    public TimeSpan ReplyTimeout { get; } = replyTimeout;

    public long BytesSent { get; private set; }

    public long BytesReceived { get; private set; }

    /// <summary>The board's parameters (the info command).</summary>
    public CodecLinkInfo Info()
    {
        Link.DiscardInput();
        Send(CodecLinkFrames.InfoRequest());
        var reply = new byte[CodecLinkProtocol.InfoReplyBytes];
        Receive(reply, "info request");
        return CodecLinkFrames.ParseInfoReply(reply);
    }

    /// <summary>One request of 4..MaxValues values (a multiple of 4) and its reply.</summary>
    public CodecLinkReply Request(ReadOnlySpan<float> values, CodecLinkInfo info)
    {
        Send(CodecLinkFrames.CodecRequest(values, info.MaxValues));
        var header = new byte[CodecLinkProtocol.ReplyHeaderBytes];
        Receive(header, "codec request");
        var count = CodecLinkFrames.ParseReplyHeader(header);
        var reply = new byte[CodecLinkProtocol.CodecReplyBytes(count, info.BlockBits)];
        header.CopyTo(reply, 0);
        Receive(reply.AsSpan(header.Length), "codec request");
        var parsed = CodecLinkFrames.ParseCodecReply(reply, info.BlockBits);
        if ((parsed.Status & CodecLinkStatus.BadCount) != 0)
            throw new InvalidDataException($"the board refused a request of {values.Length} values (bad count; it takes 4..{info.MaxValues} in steps of 4)");
        if (count != values.Length)
            throw new InvalidDataException($"the board answered a request of {values.Length} values with {count}");
        return parsed;
    }

    /// <summary>
    /// Sends all of <paramref name="values"/> in requests of <paramref name="valuesPerRequest"/>
    /// (the last one padded with +0.0 to whole blocks, as the reference pads).
    /// </summary>
    public HostRunResult Run(ReadOnlySpan<float> values, CodecLinkInfo info, int valuesPerRequest, Action<long, long>? progress = null)
    {
        if (values.Length == 0) throw new ArgumentException("there are no values to send: the input is empty");
        CodecLinkProtocol.CheckCount(valuesPerRequest, info.MaxValues);
        var clock = Stopwatch.StartNew();
        var padded = (values.Length + 3) / 4 * 4;
        var blocks = new List<UInt128>(padded / 4);
        var decoded = new float[padded];
        var status = CodecLinkStatus.None;
        var requests = 0;
        var chunk = new float[valuesPerRequest];
        for (var start = 0; start < padded; start += valuesPerRequest)
        {
            var n = Math.Min(valuesPerRequest, padded - start);
            var real = Math.Max(0, Math.Min(n, values.Length - start));
            values.Slice(start, real).CopyTo(chunk);
            Array.Clear(chunk, real, n - real);
            var reply = Request(chunk.AsSpan(0, n), info);
            blocks.AddRange(reply.Blocks);
            reply.Values.CopyTo(decoded, start);
            status |= reply.Status;
            requests++;
            progress?.Invoke(start + n, padded);
        }
        return new HostRunResult(info, blocks, decoded, status, requests, BytesSent, BytesReceived, clock.Elapsed);
    }

    private void Send(byte[] frame)
    {
        Link.Write(frame);
        BytesSent += frame.Length;
    }

    private void Receive(Span<byte> buffer, string what)
    {
        Link.ReadExactly(buffer, ReplyTimeout, what);
        BytesReceived += buffer.Length;
    }
}
