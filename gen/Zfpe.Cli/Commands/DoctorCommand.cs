using System.CommandLine;
using Zfpe.Flow;

namespace Zfpe.Cli.Commands;

/// <summary>`zfpe doctor`: which flow tools are installed, where, which version, and how to get the missing ones.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var cmd = new Command("doctor", "check the tools of the build flow: found or not, path, version, what each is for, how to get it");
        cmd.SetAction(_ => CliRunner.Run(() =>
        {
            var tools = new ToolLocator().LocateAll();
            foreach (var t in tools)
            {
                Console.WriteLine(t.Found
                    ? $"found    {t.Spec.Executable,-15} {t.Version ?? "(version unknown)"}"
                    : $"MISSING  {t.Spec.Executable,-15}");
                if (t.Found)
                {
                    Console.WriteLine($"         path: {t.Path} (from {t.Source})");
                    Console.WriteLine($"         origin: {ToolOrigin.Describe(t.Path!)}");
                }
                else Console.WriteLine($"         why: {t.Problem}");
                Console.WriteLine($"         needed for: {t.Spec.NeededFor}");
                if (!t.Found) Console.WriteLine($"         get it: {t.Spec.HowToGet}; or set {t.Spec.EnvironmentVariable} to its path");
            }
            Console.WriteLine();
            Console.WriteLine("A tool's ZFPE_* variable, when set, takes precedence over PATH.");
            var missing = tools.Where(t => !t.Found).Select(t => t.Spec.Executable).ToList();
            Console.WriteLine(missing.Count == 0
                ? "Every flow tool is installed: zfpe synth, build and program can run."
                : $"Missing: {string.Join(", ", missing)}. What still works: " +
                  (tools.Single(t => t.Spec.Kind == ToolKind.Yosys).Found ? "zfpe synth; zfpe build stops after synthesis." : "nothing of the board flow (Yosys is missing)."));
            return CliRunner.Ok;
        }));
        return cmd;
    }
}
