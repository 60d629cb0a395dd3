using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Zfpe.Hdl.Elaboration;

namespace Zfpe.Hdl;

/// <summary>
/// Named fields that travel together: a stream's payload, a request, a register of state.
/// Subclass it, declare each field in the constructor from the <see cref="Fields"/> it receives,
/// and give the type a shape:
/// <code>
/// public sealed class MemRequest : Bundle
/// {
///     public UInt Address { get; }
///     public Bool Write { get; }
///     private MemRequest(Fields f, int addressBits) : base(f)
///     {
///         Address = f.UInt(addressBits);
///         Write = f.Bool();
///     }
///     public static Shape&lt;MemRequest&gt; Shape(int addressBits) => Zfpe.Hdl.Shape.Of(f => new MemRequest(f, addressBits));
/// }
/// </code>
/// A bundle declared as a port, wire or register (<c>In.Of(shape)</c>, <c>Reg.Of(shape)</c>) is one
/// signal per field, named <c>member_field</c> in the Verilog (<c>request_address</c>); one made by
/// <see cref="Hw.Mux{T}"/> or <see cref="Shape{T}.FromBits"/> is expressions. Whole bundles are
/// assigned, multiplexed, registered (<c>Reg.Next(bundle)</c>) and turned into bits and back.
/// </summary>
public abstract class Bundle : IHdlData
{
    private readonly Fields fields;
    private readonly List<HdlValue> leaves = [];

    protected Bundle(Fields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        this.fields = fields;
        fields.Attach(this);
    }

    /// <summary>The field values in declaration order (nested bundles flattened): one signal or expression each.</summary>
    public IReadOnlyList<HdlValue> Leaves => leaves;

    public int Width => leaves.Sum(l => l.Width);

    /// <summary>The shape this bundle was built from (a <see cref="Shape{T}"/> of its type).</summary>
    internal object ShapeObject { get; set; } = null!;

    /// <summary>The component that declared it, for signals; null for an expression.</summary>
    internal Component? Owner { get; set; }

    /// <summary>The name given where it was declared (the Verilog prefix of its fields), if any.</summary>
    internal string? ExplicitName { get; set; }

    /// <summary>A helper's name for it, used when no member or explicit name names it (de-duplicated).</summary>
    internal string? FallbackName { get; set; }

    internal SourceLocation Declared { get; set; } = SourceLocation.Unknown;

    internal bool BuiltBy(Fields f) => ReferenceEquals(f, fields);

    internal void AddLeaves(IHdlData value)
    {
        switch (value)
        {
            case HdlValue v:
                leaves.Add(v);
                break;
            case Bundle b:
                leaves.AddRange(b.leaves);
                break;
        }
    }

    /// <summary>All fields side by side, the first declared in the least significant bits.</summary>
    public UInt AsBits() => Hw.Cat(leaves.AsEnumerable().Reverse().ToArray<HdlValue>());

    /// <summary>Drives every field of this bundle (its fields must be signals) from the same field of <paramref name="source"/>.</summary>
    public void Assign(Bundle source, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        RequireSameShape(this, source, "assigning", SourceLocation.Of(file, line));
        for (var i = 0; i < leaves.Count; i++) leaves[i].Assign(source.leaves[i], file, line);
    }

    internal static void RequireSameShape(Bundle a, Bundle b, string what, SourceLocation loc)
    {
        if (a.GetType() != b.GetType())
            throw new HdlException(loc, $"{what} a {b.GetType().Name} to a {a.GetType().Name}: bundles of different types");
        if (a.leaves.Count != b.leaves.Count || a.leaves.Zip(b.leaves).Any(p => p.First.Kind != p.Second.Kind || p.First.Width != p.Second.Width))
            throw new HdlException(loc, $"{what} a {b.GetType().Name} of {b.Width} bits to one of {a.Width} bits: the two were built with different parameters");
    }

    /// <summary>
    /// Names the signals of this bundle's fields <c>prefix_field</c> (nested: <c>prefix_outer_inner</c>,
    /// arrays: <c>prefix_field_i</c>), in snake_case, unless they already have a name.
    /// </summary>
    internal void NameFields(string prefix, Component owner, bool fallback = false)
    {
        foreach (var (member, value) in Members())
            NameValue($"{prefix}_{member}", value, owner, fallback, 0);
        // Fields not held by any member (a constructor that keeps a field in a local only).
        for (var i = 0; i < leaves.Count; i++) NameSignal(leaves[i], $"{prefix}_f{i}", owner, fallback);
    }

    /// <summary>Names <paramref name="v"/>'s signal if it is one of <paramref name="owner"/>'s and has no name yet.</summary>
    internal static void NameSignal(HdlValue? v, string name, Component owner, bool fallback)
    {
        if (v?.Signal is not { Name: null } s || !ReferenceEquals(s.Owner, owner)) return;
        if (fallback) s.FallbackName ??= name;
        else s.Name = name;
    }

    private static void NameValue(string name, object? value, Component owner, bool fallback, int depth)
    {
        switch (value)
        {
            case HdlValue v:
                NameSignal(v, name, owner, fallback);
                break;
            case Bundle b:
                b.NameFields(name, owner, fallback);
                break;
            case IList list when depth < 3:
                for (var i = 0; i < list.Count; i++) NameValue($"{name}_{i}", list[i], owner, fallback, depth + 1);
                break;
        }
    }

    /// <summary>The fields of the subclasses (properties through their backing fields), in declaration order.</summary>
    private IEnumerable<(string Member, object? Value)> Members()
    {
        var types = new List<Type>();
        for (var t = GetType(); t is not null && t != typeof(Bundle); t = t.BaseType) types.Insert(0, t);
        foreach (var t in types)
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).OrderBy(f => f.MetadataToken))
                if (f.FieldType != typeof(Fields))
                    yield return (Naming.CleanMemberName(f.Name), f.GetValue(this));
    }

    public override string ToString() => $"{GetType().Name} ({Width} bits{(ExplicitName is null ? "" : $", '{ExplicitName}'")})";
}
