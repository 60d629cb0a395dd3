using Zfpe.Hdl;

namespace Zfpe.Hdl.Lib.Sdram;

/// <summary>Passes a child's SDRAM pins up to its parent's ports of the same names.</summary>
public static class SdramPinForwarding
{
    /// <summary>
    /// For each of <paramref name="pins"/> (a child's outputs), makes an output of the parent with its
    /// name and width (<paramref name="boolOutput"/>, <paramref name="uintOutput"/>: the parent's
    /// <c>Out.Bool</c> and <c>Out.UInt</c>), drives it from the pin and returns the new outputs in order.
    /// </summary>
    public static IReadOnlyList<HdlValue> Forward(IReadOnlyList<HdlValue> pins, Func<string, Bool> boolOutput, Func<int, string, UInt> uintOutput)
    {
        ArgumentNullException.ThrowIfNull(pins);
        var outputs = new List<HdlValue>(pins.Count);
        foreach (var pin in pins)
        {
            if (pin is Bool bit)
            {
                var output = boolOutput(pin.Name);
                output.Assign(bit);
                outputs.Add(output);
            }
            else
            {
                var output = uintOutput(pin.Width, pin.Name);
                output.Assign((UInt)pin);
                outputs.Add(output);
            }
        }
        return outputs;
    }
}
