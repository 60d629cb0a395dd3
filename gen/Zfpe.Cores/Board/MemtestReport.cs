using System.Text;
using Zfpe.Hdl;

namespace Zfpe.Cores.Board;

/// <summary>
/// Turns each ulx3s-memtest result into a line of text for a terminal, one character at a time on
/// <see cref="Text"/> (to the UART), numbers in hexadecimal:
/// <c>pass 0003 words 1000000 errors 0000000 first-bad -------</c> then CR LF; with errors the
/// first bad word's address stands in place of the dashes. A result is taken when the previous
/// line is out (<see cref="Line(ulong, long, ulong, ulong?, int)"/> gives the text in C#).
/// </summary>
public sealed class MemtestReport : Component
{
    public readonly Stream<MemtestResult> Result;
    public readonly Stream<UInt> Text;

    /// <summary>Hex digits of the words, errors and address fields (25 address bits at most).</summary>
    public const int FieldDigits = 7;

    public MemtestReport(int addressBits, long words)
    {
        if (addressBits is < 8 or > 4 * FieldDigits) throw new ArgumentOutOfRangeException(nameof(addressBits), addressBits, $"address bits: allowed 8..{4 * FieldDigits}");
        Param("address_bits", addressBits, 24);
        Param("words", words, 1L << 24);
        Result = In.Stream(MemtestResult.Shape(addressBits), name: "result");
        Text = Out.Stream(8, name: "text");

        var pass = Reg.UInt(MemtestResult.PassBits, reset: 0, name: "line_pass");
        var errors = Reg.UInt(MemtestResult.ErrorBits, reset: 0, name: "line_errors");
        var firstBad = Reg.UInt(4 * FieldDigits, reset: 0, name: "line_first_bad");
        var clean = Reg.Bool(reset: true, name: "line_clean");

        // The line, character by character: a constant or a hex digit of a field.
        var chars = new List<UInt>();
        void Constant(string s)
        {
            foreach (var ch in s) chars.Add(Hw.U(ch, 8));
        }
        void Digits(UInt field, int digits, Bool? dashes = null)
        {
            for (var d = digits - 1; d >= 0; d--)
            {
                var digit = Hex(field[4 * d + 3, 4 * d]);
                chars.Add(dashes is null ? digit : Hw.Mux(dashes, Hw.U('-', 8), digit));
            }
        }
        Constant("pass ");
        Digits(pass, 4);
        Constant(" words ");
        Digits(Hw.U(words, 4 * FieldDigits), FieldDigits);
        Constant(" errors ");
        Digits(errors, FieldDigits);
        Constant(" first-bad ");
        Digits(firstBad, FieldDigits, clean);
        Constant("\r\n");
        Length = chars.Count;

        var indexBits = Math.Max(1, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(Length - 1)));
        var index = Reg.UInt(indexBits, reset: 0, name: "index");
        var sending = Reg.Bool(reset: false, name: "sending");
        Result.Ready.Assign(!sending);
        When(Result.Fire, () =>
        {
            pass.Assign(Result.Payload.Pass);
            errors.Assign(Result.Payload.Errors);
            firstBad.Assign(Result.Payload.FirstBad.ZeroExtend(4 * FieldDigits));
            clean.Assign(Result.Payload.Clean);
            index.Assign(Hw.U(0, indexBits));
            sending.Assign(true);
        });
        // The character leaves through a register stage, so the choice among the line's characters
        // and the hex digits does not run on into the UART's shift register.
        var character = Wire.Stream(8, name: "character");
        character.Valid.Assign(sending);
        character.Payload.Assign(Hw.Select(index, chars));
        Text.ConnectFrom(character.Stage("character_stage"));
        When(character.Fire, () =>
        {
            index.Assign(index + 1);
            When(index == Length - 1, () => sending.Assign(false));
        });
    }

    /// <summary>Characters in a line, CR LF included.</summary>
    public int Length { get; }

    /// <summary>The line for a result, as the hardware sends it.</summary>
    public static string Line(ulong pass, long words, ulong errors, ulong? firstBad, int digits = FieldDigits)
    {
        var sb = new StringBuilder();
        sb.Append("pass ").Append((pass & 0xFFFF).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(" words ").Append(words.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(" errors ").Append(errors.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture));
        sb.Append(" first-bad ").Append(firstBad is { } a ? a.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture) : new string('-', digits));
        return sb.Append("\r\n").ToString();
    }

    /// <summary>A nibble as a lower-case hex digit: a table, one LUT4 per bit.</summary>
    private static UInt Hex(UInt nibble) =>
        Hw.Select(nibble, "0123456789abcdef".Select(c => Hw.U(c, 8)).ToList());
}
