using System.Runtime.ExceptionServices;

namespace Zfpe.Flow.Sweep;

/// <summary>
/// A fixed number of worker threads draining two queues: urgent work (place and route of points
/// already synthesised, so started points finish and show up early) before the rest (synthesis
/// of new points). Work may add more work. Tool runs block, so these are dedicated threads rather
/// than thread-pool tasks.
/// </summary>
internal sealed class SweepWorkQueue(int workers)
{
    private readonly object _gate = new();
    private readonly Queue<Action> _urgent = new();
    private readonly Queue<Action> _normal = new();
    private int _pending;
    private ExceptionDispatchInfo? _crash;

    public void Add(Action work, bool urgent = false)
    {
        lock (_gate)
        {
            (urgent ? _urgent : _normal).Enqueue(work);
            _pending++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Runs until every item, including items added meanwhile, is done; rethrows the first crash of an item.</summary>
    public void RunToCompletion()
    {
        var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"sweep-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        _crash?.Throw();
    }

    private void Work()
    {
        while (true)
        {
            Action work;
            lock (_gate)
            {
                while (_urgent.Count == 0 && _normal.Count == 0 && _pending > 0 && _crash is null) Monitor.Wait(_gate);
                if (_pending == 0 || _crash is not null)
                {
                    Monitor.PulseAll(_gate);
                    return;
                }
                work = _urgent.Count > 0 ? _urgent.Dequeue() : _normal.Dequeue();
            }
            try
            {
                work();
            }
            catch (Exception e)
            {
                // A bug, not a tool failure (those are recorded per point): stop the sweep and report it.
                lock (_gate) _crash ??= ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                lock (_gate)
                {
                    _pending--;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
