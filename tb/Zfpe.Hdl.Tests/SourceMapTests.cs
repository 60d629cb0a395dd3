using System.Text.RegularExpressions;
using Zfpe.Cores.Designs;

namespace Zfpe.Hdl.Tests;

/// <summary>
/// The emitter's source map (sourcemap.json): every declared name and every statement line of the
/// Verilog with the C# location that made it, so the flow can name timing paths as the C# does.
/// </summary>
public partial class SourceMapTests
{
    private sealed class Adder : Component
    {
        public readonly UInt A;
        public readonly UInt B;
        public readonly UInt Sum;

        public Adder()
        {
            A = In.UInt(8);
            B = In.UInt(8);
            Sum = Out.UInt(8);
            Sum.Assign(A + B); // @adder-sum
        }
    }

    private sealed class Mapped : Component
    {
        public Mapped()
        {
            var x = In.UInt(8, "x"); // @x
            var go = In.Bool("go");
            var y = Out.UInt(8, "y");
            var total = Reg.UInt(8, reset: 0, name: "total"); // @total
            var adder = Instance(new Adder(), "adder"); // @adder
            adder.A.Assign(x);
            adder.B.Assign(total);
            When(go, () => total.Assign(adder.Sum)); // @when
            var mixed = x ^ total;
            y.Assign(Hw.Mux(mixed[0], mixed, x)); // @y
        }
    }

    private static (DesignSourceMap Map, string[] Lines) Top()
    {
        var design = VerilogEmitter.Emit(new Mapped());
        return (design.SourceMap!, design.Files.Single(f => f.ModuleName == "mapped").Text.Split('\n'));
    }

    private static int LineOf(string[] lines, string fragment)
    {
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"'{fragment}' is on {hits.Count} lines of:\n{string.Join('\n', lines)}");
        return hits[0] + 1;
    }

    [Fact]
    public void Every_declared_name_has_its_kind_and_CSharp_location()
    {
        var (map, _) = Top();
        Assert.Equal("mapped", map.TopModule);
        Assert.Equal(["adder", "mapped"], map.Modules.Select(m => m.Name).Order());
        var top = map.Module("mapped")!;
        Assert.Equal("mapped.v", top.FileName);
        Assert.Equal("Mapped", top.Component);
        Assert.Equal(new SourceMapSignal("x", SourceMapSignalKind.Input, 8, Marker.At("x")), top.Signal("x"));
        Assert.Equal(new SourceMapSignal("total", SourceMapSignalKind.Register, 8, Marker.At("total")), top.Signal("total"));
        Assert.Equal(new SourceMapSignal("adder_sum", SourceMapSignalKind.InstancePort, 8, Marker.At("adder"), "adder", "sum"), top.Signal("adder_sum"));
        Assert.Equal(new SourceMapInstance("adder", "adder", Marker.At("adder")), top.Instance("adder"));
        var part = Assert.Single(top.Signals, s => s.Kind == SourceMapSignalKind.ExpressionPart);
        Assert.Equal(("y", Marker.At("y")), (part.PartOf, part.Source));
        Assert.StartsWith("y_part", part.Name);
        Assert.Equal(Marker.At("adder-sum"), map.Module("adder")!.Line(LineOf(VerilogEmitter.Emit(new Adder()).Files[0].Text.Split('\n'), "assign sum ="))!.Source);
    }

    [Fact]
    public void Statement_lines_point_at_the_CSharp_statement_that_made_them()
    {
        var (map, lines) = Top();
        var top = map.Module("mapped")!;
        Assert.Equal(new SourceMapLine(LineOf(lines, "assign y ="), Marker.At("y"), SourceMapStatement.Assign, "y"), top.Line(LineOf(lines, "assign y =")));
        Assert.Equal(new SourceMapLine(LineOf(lines, "if (go) begin"), Marker.At("when"), SourceMapStatement.Condition, null), top.Line(LineOf(lines, "if (go) begin")));
        Assert.Equal(new SourceMapLine(LineOf(lines, "total <= adder_sum;"), Marker.At("when"), SourceMapStatement.Register, "total"), top.Line(LineOf(lines, "total <= adder_sum;")));
        Assert.Equal(new SourceMapLine(LineOf(lines, "total <= 8'd0;"), Marker.At("total"), SourceMapStatement.Reset, "total"), top.Line(LineOf(lines, "total <= 8'd0;")));
        Assert.Equal(new SourceMapLine(LineOf(lines, "adder adder ("), Marker.At("adder"), SourceMapStatement.Instance, "adder"), top.Line(LineOf(lines, "adder adder (")));
        var part = top.Signals.Single(s => s.Kind == SourceMapSignalKind.ExpressionPart).Name;
        Assert.Equal(new SourceMapLine(LineOf(lines, $"assign {part} ="), Marker.At("y"), SourceMapStatement.ExpressionPart, part), top.Line(LineOf(lines, $"assign {part} =")));
        Assert.Null(top.Line(LineOf(lines, "module mapped (")));
    }

    [Fact]
    public void The_json_reads_back_to_the_same_map_and_bad_files_are_refused()
    {
        var (map, _) = Top();
        var json = map.ToJson();
        Assert.Equal(json, DesignSourceMap.FromJson(json).ToJson());
        Assert.Contains("{\"name\":\"total\",\"kind\":\"register\",\"width\":8,", json);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => DesignSourceMap.FromJson("{\"topModule\": ")).Message);
        Assert.Contains("format 7", Assert.Throws<InvalidDataException>(() => DesignSourceMap.FromJson(json.Replace("\"format\": 1", "\"format\": 7"))).Message);
        Assert.Contains("\"modules\"", Assert.Throws<InvalidDataException>(() => DesignSourceMap.FromJson("{\"format\": 1}")).Message);
    }

    /// <summary>On every design: each mapped line holds its target and its own `// File.cs:line`, and every statement line is mapped.</summary>
    [Theory]
    [MemberData(nameof(EmissionTests.DesignPoints), MemberType = typeof(EmissionTests))]
    public void Every_statement_line_of_every_design_is_mapped_to_the_location_its_comment_gives(string name, string settings)
    {
        EmittedDesign Emit() => DesignCatalog.Get(name).Emit(DesignCatalog.ParseSettings(settings.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        var design = Emit();
        var map = design.SourceMap!;
        Assert.Equal(map.ToJson(), Emit().SourceMap!.ToJson()); // deterministic
        Assert.Equal(design.Files.Select(f => f.ModuleName), map.Modules.Select(m => m.Name));
        foreach (var file in design.Files)
        {
            var module = map.Module(file.ModuleName)!;
            var lines = file.Text.Split('\n');
            foreach (var entry in module.Lines)
            {
                var text = lines[entry.Line - 1];
                if (entry.Target is { } target) Assert.Matches($@"\b{Regex.Escape(target)}\b", text);
                if (Comment().Match(text) is { Success: true } m)
                    Assert.True(m.Groups[1].Value == entry.Source, $"{file.FileName}:{entry.Line} says {m.Groups[1].Value}, the map {entry.Source}: {text}");
            }
            for (var i = 0; i < lines.Length; i++)
                if (Statement().IsMatch(lines[i]))
                    Assert.True(module.Line(i + 1) is not null, $"{file.FileName}:{i + 1} is a statement the map does not know: {lines[i]}");
            foreach (var s in module.Signals)
                Assert.True(lines.Any(l => Regex.IsMatch(l, $@"^\s*(input|output|inout|wire|reg)\b[^;/]*\b{Regex.Escape(s.Name)}\b")), $"{file.FileName} does not declare {s.Name}");
        }
    }

    [GeneratedRegex(@"//\s*(?:read port \w+, )?([A-Za-z0-9_.]+\.cs:\d+)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*(assign \w+ =|(if \(.*\) )?\w+(\[.*\])? <= )")]
    private static partial Regex Statement();
}
