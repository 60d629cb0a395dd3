namespace Zfpe.Hdl.Tests.Support;

/// <summary>
/// A stream part between a driver whose gaps follow <see cref="Schedules.Stepping"/> and a consumer
/// whose ready follows <see cref="Schedules.SteppingReady"/>, its output checked by an in-order
/// scoreboard; <see cref="RemoveStalls"/> then lets every beat flow, for throughput and latency.
/// </summary>
public sealed class SteppingStalls
{
    private readonly StreamPorts _output;

    public SteppingStalls(StreamPorts input, StreamPorts output, (int Seed, int Period) idle, (int Seed, int Period, int Offset) ready)
    {
        _output = output;
        Driver = new StreamDriver<ulong>(input, idle.Seed) { IdleSchedule = Schedules.Stepping(idle.Period) };
        Ready = new StreamReadyRandomizer(output, ready.Seed) { Schedule = Schedules.SteppingReady(ready.Period, ready.Offset) };
        Scoreboard = new ScoreboardInOrder<ulong>(new StreamMonitor<ulong>(output, collect: false));
    }

    public StreamDriver<ulong> Driver { get; }

    public StreamReadyRandomizer Ready { get; }

    public ScoreboardInOrder<ulong> Scoreboard { get; }

    /// <summary>Stops the random ready and the driver's gaps and holds the output ready high.</summary>
    public void RemoveStalls()
    {
        _output.Simulation.Detach(Ready);
        Driver.IdleSchedule = null;
        Driver.IdleProbability = 0;
        _output.Simulation.Poke(_output.Ready, true);
    }
}
