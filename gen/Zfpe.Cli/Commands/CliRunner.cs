namespace Zfpe.Cli.Commands;

/// <summary>
/// Runs a command body and turns the errors a user can cause into one clear line on stderr and
/// a non-zero exit code, instead of a stack trace. Exit codes: 0 ok, 1 check failed, 2 bad input,
/// 3 missing tool, 4 tool failure.
/// </summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int CheckFailed = 1;
    public const int BadInput = 2;
    public const int MissingTool = 3;
    public const int ToolFailed = 4;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or FormatException or Zfpe.Hdl.HdlException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
