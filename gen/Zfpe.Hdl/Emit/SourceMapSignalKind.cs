namespace Zfpe.Hdl.Emit;

/// <summary>What a name in a <see cref="ModuleSourceMap"/> is.</summary>
public enum SourceMapSignalKind
{
    Input,
    Output,
    /// <summary>A combinational signal declared in C#.</summary>
    Wire,
    Register,
    /// <summary>The registered output of a memory's synchronous read port.</summary>
    MemoryReadData,
    Memory,
    /// <summary>The wire connecting a port of a child instance (<c>instance_port</c>).</summary>
    InstancePort,
    /// <summary>A part of an expression the emitter hoisted into a named wire (<c>target_partN</c>).</summary>
    ExpressionPart,
    /// <summary>A bidirectional port (a board pad).</summary>
    InOut,
}
