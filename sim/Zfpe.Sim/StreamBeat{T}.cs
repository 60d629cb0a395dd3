namespace Zfpe.Sim;

/// <summary>One transfer on a stream: valid and ready were both high at the rising edge ending <see cref="Cycle"/>.</summary>
public readonly record struct StreamBeat<T>(T Payload, bool Last, long Cycle);
