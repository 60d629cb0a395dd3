using System.Numerics;
using Zfpe.Hdl.Ir;

namespace Zfpe.Hdl;

/// <summary>
/// Where the leaves of a piece of data come from while its shape builds it: newly declared
/// signals (a port, wire or register), given expressions (a multiplexer's result, bits sliced
/// from a word), or placeholders (to learn a shape's layout).
/// </summary>
internal abstract class LeafSource
{
    public abstract HdlValue Leaf(HdlKind kind, int width);

    /// <summary>Declares one signal per leaf in <paramref name="owner"/>, with a role, reset and enable.</summary>
    public sealed class Declaring(Component owner, SignalRole role, BigInteger? reset, Bool? enable, SourceLocation location) : LeafSource
    {
        public List<Signal> Declared { get; } = [];

        public override HdlValue Leaf(HdlKind kind, int width)
        {
            var s = owner.Declare(role, kind, width, null, location);
            if (reset is { } r) s.ResetValue = r;
            s.Enable = enable?.Node;
            Declared.Add(s);
            return Hw.Wrap(new SignalExpr(s));
        }
    }

    /// <summary>Hands out given expressions in order, checking that each has the kind and width the shape asks for.</summary>
    public sealed class Given(IReadOnlyList<Expr> values, string shapeName, SourceLocation location) : LeafSource
    {
        private int next;

        public override HdlValue Leaf(HdlKind kind, int width)
        {
            if (next >= values.Count)
                throw new HdlException(location, $"internal: {shapeName} asked for more fields than it has");
            var v = values[next++];
            if (v.Kind != kind || v.Width != width)
                throw new HdlException(location, $"field {next - 1} of {shapeName} is a {Ops.KindName(kind, width)}, not a {Ops.Describe(v)}");
            return Hw.Wrap(v);
        }

        public void RequireAllUsed()
        {
            if (next != values.Count) throw new HdlException(location, $"internal: {shapeName} used {next} of {values.Count} fields");
        }
    }

    /// <summary>Zero constants: enough to learn the kinds and widths of a shape's fields.</summary>
    public sealed class Probe : LeafSource
    {
        public List<(HdlKind Kind, int Width)> Leaves { get; } = [];

        public override HdlValue Leaf(HdlKind kind, int width)
        {
            if (width < 1) throw HdlValue.Error($"a field needs a width of at least 1 bit, not {width}");
            Leaves.Add((kind, width));
            return Hw.Wrap(new ConstExpr(kind, width, 0));
        }
    }
}
