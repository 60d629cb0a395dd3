namespace Zfpe.Hdl.Emit;

/// <summary>The kind of statement on a Verilog line of a <see cref="ModuleSourceMap"/>.</summary>
public enum SourceMapStatement
{
    /// <summary>A continuous assignment of a signal (<c>assign x = ...</c>).</summary>
    Assign,
    /// <summary>The definition of a hoisted expression part (<c>assign x_part0 = ...</c>).</summary>
    ExpressionPart,
    /// <summary>An assignment inside <c>always @(*)</c>.</summary>
    Combinational,
    /// <summary>A register's next value inside <c>always @(posedge clk)</c>.</summary>
    Register,
    /// <summary>A register's reset value.</summary>
    Reset,
    /// <summary>The condition of a When (an <c>if</c>).</summary>
    Condition,
    /// <summary>The selector of a Switch (a <c>case</c>).</summary>
    Case,
    MemoryWrite,
    MemoryRead,
    Instance,
}
