namespace Zfpe.Board.Tests.Support;

/// <summary>
/// Connects a <see cref="SimulatedBoard"/> to the master side of a <see cref="PseudoTerminal"/>
/// on a thread of its own (which alone drives the simulation): bytes a program writes to the
/// slave device reach the board's UART pins, and the board's replies come back to the program.
/// </summary>
public sealed class BoardBridge : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private Exception? _failure;

    public BoardBridge(PseudoTerminal terminal, Func<SimulatedBoard> createBoard)
    {
        _thread = new Thread(() =>
        {
            try
            {
                using var board = createBoard();
                var buffer = new byte[4096];
                while (!_stop)
                {
                    var incoming = terminal.Read(board.ToBoard.IsIdle ? 5 : 0);
                    if (incoming.Length > 0) board.Write(incoming);
                    board.Simulation.Step(2000);
                    var n = board.Read(buffer, TimeSpan.Zero);
                    if (n > 0) terminal.Write(buffer.AsSpan(0, n));
                    BytesToBoard += incoming.Length;
                    BytesFromBoard += n;
                }
            }
            catch (Exception e)
            {
                _failure = e;
            }
        }) { IsBackground = true, Name = "simulated board" };
        _thread.Start();
    }

    public long BytesToBoard { get; private set; }
    public long BytesFromBoard { get; private set; }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        if (_failure is not null) throw new InvalidOperationException("the simulated board failed: " + _failure.Message, _failure);
    }
}
