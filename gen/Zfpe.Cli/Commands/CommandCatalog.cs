using System.CommandLine;

namespace Zfpe.Cli.Commands;

/// <summary>Every top-level command and benchmark of the CLI, in help order.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Commands()
    {
        foreach (var c in GenCommands.Create()) yield return c;
        foreach (var c in CodecCommands.Create()) yield return c;
        yield return EvaluateCommand.Create();
        yield return TrainMlpCommand.Create();
        yield return StudyCommand.Create();
        yield return SimCommands.Create();
        yield return SynthCommand.Create();
        yield return BuildCommand.Create();
        yield return SweepCommand.Create();
        yield return ProgramCommand.Create();
        yield return DoctorCommand.Create();
        yield return HostCommand.Create();
        yield return RunCommand.Create();
    }

    public static IEnumerable<Command> Benchmarks()
    {
        foreach (var c in GenCommands.Benchmarks()) yield return c;
        yield return CosimBench.Create();
        yield return CodecBench.Create();
        yield return PeArrayBench.Create();
        yield return MemoryBench.Create();
        yield return AccelBench.Create();
    }
}
