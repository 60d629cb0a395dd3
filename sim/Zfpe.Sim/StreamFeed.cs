namespace Zfpe.Sim;

/// <summary>What <see cref="StreamRunner"/> sends into one input stream: its packets of payload words, <c>last</c> on each packet's final beat where the stream has it.</summary>
public sealed record StreamFeed(StreamPorts Port, IReadOnlyList<IReadOnlyList<uint[]>> Packets);
