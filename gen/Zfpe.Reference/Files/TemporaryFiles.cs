using System.Runtime.InteropServices;

namespace Zfpe.Reference.Files;

/// <summary>
/// The temporary files of atomic writes still in progress, deleted when the process is
/// interrupted (SIGINT, SIGTERM, SIGQUIT) so that no hidden partial file is left beside a target.
/// The handlers are installed with the first temporary file and leave the signal's default
/// action (termination) in place.
/// </summary>
internal static class TemporaryFiles
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Pending = new(StringComparer.Ordinal);
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static PosixSignal? _interruptedBy;

    /// <summary>Records <paramref name="path"/> before it is created; throws when the process is already being interrupted.</summary>
    public static void Add(string path)
    {
        lock (Gate)
        {
            ThrowIfInterrupted(path);
            if (Registrations.Count == 0)
            {
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
                    Registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            Pending.Add(path);
        }
    }

    /// <summary>
    /// Runs <paramref name="commit"/> (the rename into place) unless an interruption has already
    /// deleted the file; either the rename completes or the temporary file is gone, never half of each.
    /// </summary>
    public static void Commit(string path, Action commit)
    {
        lock (Gate)
        {
            ThrowIfInterrupted(path);
            commit();
            Pending.Remove(path);
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it still exists and forgets it (after a failed write).</summary>
    public static void Discard(string path)
    {
        lock (Gate)
        {
            Delete(path);
            Pending.Remove(path);
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        lock (Gate)
        {
            _interruptedBy ??= context.Signal;
            foreach (var path in Pending)
                Delete(path);
            Pending.Clear();
        }
    }

    private static void ThrowIfInterrupted(string path)
    {
        if (_interruptedBy is { } signal)
            throw new OperationCanceledException($"interrupted by {signal}: {path} was removed and nothing was written");
    }

    private static void Delete(string path)
    {
        // Best effort: the signal or the original error is what the user needs to see.
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
