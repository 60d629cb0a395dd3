using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Basic;

/// <summary>The parameters of a <see cref="Counter"/>.</summary>
public sealed record CounterConfig(
    [property: Parameter("width", "counter width in bits", Min = 1, Max = 64)] int Width = 8,
    [property: Parameter("limit", "wrap at limit - 1 (0: at 2^width)", Min = 0)] long Limit = 0);
