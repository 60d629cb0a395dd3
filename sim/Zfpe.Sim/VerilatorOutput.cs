using System.Text.RegularExpressions;
using Zfpe.Hdl.Emit;

namespace Zfpe.Sim;

/// <summary>
/// What Verilator generated for one model, read from its own files: which .cpp files are hot
/// (compiled optimised) or cold, which runtime sources it needs, and the C++ field of each port.
/// </summary>
internal sealed partial record VerilatorOutput(
    IReadOnlyList<string> FastSources,
    IReadOnlyList<string> SlowSources,
    IReadOnlyList<string> RuntimeSources,
    IReadOnlyDictionary<string, VerilatorOutput.PortField> Fields,
    string? RootEval = null)
{
    /// <summary>A port as declared in the model header: <c>VL_IN8(&amp;clk,0,0)</c>; <paramref name="Bytes"/> is 1, 2, 4, 8, or 0 for a word array.</summary>
    public sealed record PortField(string Field, int Width, PortDirection Direction, int Bytes);

    /// <summary>How Verilator stores a port of this width: CData, SData, IData, QData, or VlWide (0).</summary>
    public static int StorageBytes(int width) => width switch { <= 8 => 1, <= 16 => 2, <= 32 => 4, <= 64 => 8, _ => 0 };

    public static VerilatorOutput Read(string objDirectory, string prefix)
    {
        var classes = ParseMakeLists(File.ReadAllLines(Path.Combine(objDirectory, prefix + "_classes.mk")));
        IReadOnlyList<string> Sources(params string[] lists) =>
            lists.SelectMany(l => classes.TryGetValue(l, out var v) ? v : []).Select(n => n + ".cpp").ToList();

        var fields = new Dictionary<string, PortField>(StringComparer.Ordinal);
        foreach (Match m in PortDeclaration().Matches(File.ReadAllText(Path.Combine(objDirectory, prefix + ".h"))))
        {
            var direction = m.Groups["dir"].Value switch
            {
                "IN" => PortDirection.Input,
                "OUT" => PortDirection.Output,
                _ => throw new SimBuildException(
                    $"port '{m.Groups["name"].Value}' is an inout; the bridge drives only inputs and reads only outputs. Give the top module plain input and output ports."),
            };
            var width = Math.Abs(int.Parse(m.Groups["msb"].Value) - int.Parse(m.Groups["lsb"].Value)) + 1;
            var bytes = m.Groups["kind"].Value switch { "8" => 1, "16" => 2, "" => 4, "64" => 8, _ => 0 };
            fields[m.Groups["name"].Value] = new PortField(m.Groups["name"].Value, width, direction, bytes);
        }
        var model = Path.Combine(objDirectory, prefix + ".cpp");
        return new VerilatorOutput(
            Sources("VM_CLASSES_FAST", "VM_SUPPORT_FAST"),
            Sources("VM_CLASSES_SLOW", "VM_SUPPORT_SLOW"),
            Sources("VM_GLOBAL_FAST", "VM_GLOBAL_SLOW"),
            fields,
            File.Exists(model) ? SingleThreadedRootEval(File.ReadAllText(model), prefix) : null);
    }

    /// <summary>
    /// The root evaluation function that <c>eval_step()</c> wraps, when <c>eval_step()</c> has exactly
    /// the single-threaded shape of Verilator 5 (first-call initialisation; the mtask id; the root
    /// eval; the end-of-eval message-queue calls) and the function is declared at file scope; else
    /// null. The shim calls that function directly after the first eval() to skip the thread-local
    /// bookkeeping, which in a shared library costs two __tls_get_addr calls per eval. Any other
    /// shape (another Verilator version, --threads, tracing hooks) keeps the plain eval().
    /// </summary>
    public static string? SingleThreadedRootEval(string modelCpp, string prefix)
    {
        var root = prefix + "___024root___eval";
        if (!modelCpp.Contains($"void {root}({prefix}___024root* vlSelf);", StringComparison.Ordinal)) return null;
        var start = modelCpp.IndexOf($"void {prefix}::eval_step() {{", StringComparison.Ordinal);
        if (start < 0) return null;
        var end = modelCpp.IndexOf("\n}\n", start, StringComparison.Ordinal);
        if (end < 0) return null;
        var statements = modelCpp[start..end].Split('\n').Skip(1)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("VL_DEBUG_IF", StringComparison.Ordinal))
            .ToList();
        string[] expected =
        [
            "#ifdef VL_DEBUG",
            $"{prefix}___024root___eval_debug_assertions(&(vlSymsp->TOP));",
            "#endif  // VL_DEBUG",
            "if (VL_UNLIKELY(!vlSymsp->__Vm_didInit)) {",
            "vlSymsp->__Vm_didInit = true;",
            $"{prefix}___024root___eval_static(&(vlSymsp->TOP));",
            $"{prefix}___024root___eval_initial(&(vlSymsp->TOP));",
            $"{prefix}___024root___eval_settle(&(vlSymsp->TOP));",
            "}",
            "Verilated::mtaskId(0);",
            $"{root}(&(vlSymsp->TOP));",
            "Verilated::endOfThreadMTask(vlSymsp->__Vm_evalMsgQp);",
            "Verilated::endOfEval(vlSymsp->__Vm_evalMsgQp);",
        ];
        return statements.SequenceEqual(expected, StringComparer.Ordinal) ? root : null;
    }

    /// <summary>Reads <c>NAME += \</c> followed by tab-indented entries, as Verilator writes its _classes.mk.</summary>
    private static Dictionary<string, List<string>> ParseMakeLists(string[] lines)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.EndsWith("+= \\", StringComparison.Ordinal))
            {
                var name = line[..line.IndexOf('+')].Trim();
                current = lists.TryGetValue(name, out var existing) ? existing : lists[name] = [];
            }
            else if (current is not null && raw.StartsWith('\t'))
            {
                var entry = line.Trim().TrimEnd('\\').Trim();
                if (entry.Length > 0) current.Add(entry);
            }
            else
            {
                current = null;
            }
        }
        return lists;
    }

    [GeneratedRegex(@"VL_(?<dir>IN|OUT|INOUT)(?<kind>8|16|64|W)?\(&(?<name>\w+),(?<msb>\d+),(?<lsb>\d+)(?:,\d+)?\)")]
    private static partial Regex PortDeclaration();
}
