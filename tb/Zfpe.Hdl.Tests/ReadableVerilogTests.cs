namespace Zfpe.Hdl.Tests;

/// <summary>The Verilog reads as the logic it is: constants as what they are, no trivial operations, snake_case names.</summary>
public class ReadableVerilogTests
{
    private sealed class Constants : Component
    {
        public readonly UInt Word;
        public readonly UInt Masked;
        public readonly UInt Small;
        public readonly SInt Negative;
        public readonly UInt SignBits;
        public readonly Bool AnyHigh;
        public readonly Bool AllHigh;

        public Constants()
        {
            Word = In.UInt(32);
            Masked = Out.UInt(32);
            Small = Out.UInt(12);
            Negative = Out.SInt(16);
            SignBits = Out.UInt(32);
            AnyHigh = Out.Bool();
            AllHigh = Out.Bool();
            Masked.Assign((Word + 0xAAAAAAAAu) ^ 0xAAAAAAAAu);
            Small.Assign(Word[11, 0] + 100);
            Negative.Assign(Word[15, 0].AsSInt() - 3);
            SignBits.Assign(Hw.Repeat(Word[31], 32));
            // Accumulations that start from a constant leave no trace of it.
            Bool any = Hw.False, all = Hw.True;
            for (var i = 0; i < 4; i++)
            {
                any |= Word[i];
                all &= Word[i];
            }
            AnyHigh.Assign(any);
            AllHigh.Assign(all | Hw.False);
        }
    }

    [Fact]
    public void Bit_patterns_print_in_hex_and_small_numbers_in_decimal()
    {
        var text = VerilogEmitter.Emit(new Constants()).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "32'hAAAAAAAA",
            "12'd100",
            "16'sd3");
        Assert.DoesNotMatch(@"\d+'d\d{5,}", text);
    }

    [Fact]
    public void Trivial_constants_are_folded_and_repeated_bits_replicated()
    {
        var design = VerilogEmitter.Emit(new Constants());
        var text = design.Files.Single().Text;
        TextAssert.ContainsAll(text,
            "assign any_high = ((word[0] | word[1]) | word[2]) | word[3];",
            "assign all_high = ((word[0] & word[1]) & word[2]) & word[3];");
        Assert.DoesNotContain("1'b0 |", text);
        Assert.DoesNotContain("1'b1 &", text);
        Assert.Contains("{32{word[31]}}", text);
        Assert.Equal("", VerilogTools.Lint(design));
    }

    [Fact]
    public void Ports_and_signals_named_from_members_are_snake_case()
    {
        var text = VerilogEmitter.Emit(new Constants()).Files.Single().Text;
        TextAssert.ContainsAll(text,
            "output wire [31:0] sign_bits",
            "output wire any_high");
        Assert.DoesNotContain("SignBits", text);
    }
}
