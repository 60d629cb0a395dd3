using Zfpe.Hdl.Emit;

namespace Zfpe.Flow;

/// <summary>What to build: a named design, the parameters it was generated with, and its Verilog.</summary>
public sealed record FlowRequest(string DesignName, IReadOnlyDictionary<string, string> Parameters, EmittedDesign Design);
