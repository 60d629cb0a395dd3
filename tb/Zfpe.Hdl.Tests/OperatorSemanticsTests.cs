namespace Zfpe.Hdl.Tests;

/// <summary>
/// The width rules (WIDTH-RULES.md) as executed by real RTL: every operator of the DSL is
/// emitted, Verilated and compared with the same operation computed in C# on random inputs.
/// This is what proves that the emitter's Verilog means what the DSL says.
/// </summary>
public class OperatorSemanticsTests
{
    private sealed class OperatorZoo : Component
    {
        public OperatorZoo()
        {
            var a = In.UInt(8, "a");
            var b = In.UInt(8, "b");
            var c = In.SInt(8, "c");
            var d = In.SInt(8, "d");
            var n = In.UInt(3, "n");
            var sel = In.Bool("sel");
            var w = In.UInt(70, "w");

            void O(string name, HdlValue value)
            {
                HdlValue port = value switch
                {
                    Bool => Out.Bool(name),
                    SInt => Out.SInt(value.Width, name),
                    _ => Out.UInt(value.Width, name),
                };
                port.Assign(value);
            }

            O("add", a + b);
            O("add_expand", a.AddExpand(b));
            O("sub", a - b);
            O("sub_const", 3 - a);
            O("mul", a * b);
            O("mul_mixed", a * b[3, 0]);
            O("smul", c * d);
            O("sadd", c + d);
            O("ssub_wide", c.SignExtend(10) - d);
            O("bit_and", a & b);
            O("bit_or", a | b);
            O("bit_xor", a ^ b);
            O("bit_not", ~a);
            O("neg", -c);
            O("eq", a == b);
            O("ne_const", a != 200);
            O("lt", a < b);
            O("ge", a >= b);
            O("slt", c < d);
            O("sge", c >= d);
            O("sgt_const", c > -3);
            O("shl3", a << 3);
            O("shr3", a >> 3);
            O("sshr3", c >> 3);
            O("shlv", a << n);
            O("shrv", a >> n);
            O("sshrv", c >> n);
            O("slice", a[6, 2]);
            O("bit7", a[7]);
            O("sbit", c[7]);
            O("cat", Hw.Cat(a[3, 0], b, sel));
            O("zext", a.ZeroExtend(12));
            O("sext", c.SignExtend(12));
            O("snarrow", c.Resize(4));
            O("unarrow", a.Resize(5));
            O("as_uint", c.AsUInt());
            O("as_sint", a.AsSInt());
            O("mux", Hw.Mux(sel, a, b));
            O("smux", Hw.Mux(sel, c, d));
            O("and_r", a.AndReduce());
            O("or_r", a.OrReduce());
            O("xor_r", a.XorReduce());
            O("logic_mix", (sel & a[0]) | !(b[1] ^ sel));
            O("select", Hw.Select(n, [a, b, a + 1, b + 1, ~a]));
            O("repeated", Hw.Repeat(sel, 5));
            O("sum_slice", (a.AddExpand(b))[8, 1]);
            O("wide_add", w + w[69, 1].ZeroExtend(70));
            O("wide_shift", w >> 37);
            O("wide_cmp", w > Hw.U(System.Numerics.BigInteger.Pow(2, 69), 70));
        }
    }

    [Fact]
    public void Every_operator_computes_what_its_CSharp_twin_computes()
    {
        var design = VerilogEmitter.Emit(new OperatorZoo());
        using var sim = Simulation.Create(design);
        var rng = new Random(1234);
        var edge = new byte[] { 0, 1, 127, 128, 255 };
        for (var i = 0; i < 3000; i++)
        {
            byte a = i < 25 ? edge[i % 5] : (byte)rng.Next(256), b = i < 25 ? edge[i / 5] : (byte)rng.Next(256);
            sbyte c = (sbyte)(i < 25 ? edge[(i + 2) % 5] : rng.Next(256)), d = (sbyte)(i < 25 ? edge[(i / 5 + 1) % 5] : rng.Next(256));
            var n = rng.Next(8);
            var sel = rng.Next(2) == 1;
            var w = new System.Numerics.BigInteger(rng.NextInt64()) << 6 ^ rng.Next(64);
            if (w < 0) w = -w;
            w &= (System.Numerics.BigInteger.One << 70) - 1;
            sim.Poke("a", (ulong)a);
            sim.Poke("b", (ulong)b);
            sim.Poke("c", (long)c);
            sim.Poke("d", (long)d);
            sim.Poke("n", (ulong)n);
            sim.Poke("sel", sel);
            sim.Poke("w", w);
            sim.Eval();

            var ctx = $"a={a} b={b} c={c} d={d} n={n} sel={sel}";
            void U(string port, long expected, int width)
            {
                var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                Assert.True(((ulong)expected & mask) == sim.Peek(port), $"{port}: expected {(ulong)expected & mask}, RTL gave {sim.Peek(port)} ({ctx})");
            }
            void S(string port, long expected) =>
                Assert.True(expected == sim.PeekSigned(port), $"{port}: expected {expected}, RTL gave {sim.PeekSigned(port)} ({ctx})");
            long Wrap8(long v) => (sbyte)(byte)v;

            U("add", a + b, 8);
            U("add_expand", a + b, 9);
            U("sub", a - b, 8);
            U("sub_const", 3 - a, 8);
            U("mul", a * b, 16);
            U("mul_mixed", a * (b & 15), 12);
            S("smul", c * d);
            S("sadd", Wrap8(c + d));
            S("ssub_wide", c - d);
            U("bit_and", a & b, 8);
            U("bit_or", a | b, 8);
            U("bit_xor", a ^ b, 8);
            U("bit_not", ~a, 8);
            S("neg", Wrap8(-c));
            U("eq", a == b ? 1 : 0, 1);
            U("ne_const", a != 200 ? 1 : 0, 1);
            U("lt", a < b ? 1 : 0, 1);
            U("ge", a >= b ? 1 : 0, 1);
            U("slt", c < d ? 1 : 0, 1);
            U("sge", c >= d ? 1 : 0, 1);
            U("sgt_const", c > -3 ? 1 : 0, 1);
            U("shl3", a << 3, 8);
            U("shr3", a >> 3, 8);
            S("sshr3", c >> 3);
            U("shlv", a << n, 8);
            U("shrv", a >> n, 8);
            S("sshrv", c >> n);
            U("slice", (a >> 2) & 31, 5);
            U("bit7", a >> 7, 1);
            U("sbit", c < 0 ? 1 : 0, 1);
            U("cat", ((a & 15) << 9) | (b << 1) | (sel ? 1 : 0), 13);
            U("zext", a, 12);
            S("sext", c);
            S("snarrow", ((c & 15) ^ 8) - 8);
            U("unarrow", a & 31, 5);
            U("as_uint", (byte)c, 8);
            S("as_sint", (sbyte)a);
            U("mux", sel ? a : b, 8);
            S("smux", sel ? c : d);
            U("and_r", a == 255 ? 1 : 0, 1);
            U("or_r", a != 0 ? 1 : 0, 1);
            U("xor_r", System.Numerics.BitOperations.PopCount(a) & 1, 1);
            U("logic_mix", ((sel && (a & 1) == 1) || !((((b >> 1) & 1) == 1) ^ sel)) ? 1 : 0, 1);
            U("select", n switch { 0 => a, 1 => b, 2 => a + 1, 3 => b + 1, _ => ~a }, 8);
            U("repeated", sel ? 31 : 0, 5);
            U("sum_slice", (a + b) >> 1, 8);
            var mask70 = (System.Numerics.BigInteger.One << 70) - 1;
            Assert.Equal((w + (w >> 1)) & mask70, sim.PeekBig("wide_add"));
            Assert.Equal(w >> 37, sim.PeekBig("wide_shift"));
            Assert.Equal(w > System.Numerics.BigInteger.Pow(2, 69) ? 1UL : 0UL, sim.Peek("wide_cmp"));
        }
    }

    private sealed class Sequential : Component
    {
        public Sequential()
        {
            var en = In.Bool("en");
            var x = In.UInt(8, "x");
            var sel = In.UInt(2, "sel");
            var held = Out.UInt(8, "held");
            var acc = Out.UInt(8, "acc");
            var fsm = Out.UInt(2, "fsm");
            var delayed = Out.UInt(8, "delayed");

            var h = Reg.UInt(8, reset: 7, enable: en, name: "h");
            h.Assign(x);
            held.Assign(h);

            var a = Reg.UInt(8, reset: 0, name: "a");
            When(en, () => a.Assign(a + x)).ElseWhen(sel == 3, () => a.Assign(0UL));
            acc.Assign(a);

            var state = Reg.UInt(2, reset: 0, name: "state");
            Switch(state, s =>
            {
                s.Is(0, () => When(en, () => state.Assign(1UL)));
                s.Is(1, () => state.Assign(sel));
                s.Is([2, 3], () => When(!en, () => state.Assign(0UL)));
            });
            fsm.Assign(state);

            var m = Mem(8, 4, "m");
            When(en, () => m.Write(sel, x));
            delayed.Assign(m.ReadSync(sel, name: "m_out"));
        }
    }

    [Fact]
    public void Registers_enables_resets_switches_and_memories_behave_like_their_model()
    {
        using var sim = Simulation.Create(VerilogEmitter.Emit(new Sequential()));
        var rng = new Random(77);
        sim.Poke("en", false);
        sim.Reset(2);
        ulong h = 7, a = 0, state = 0, readData = 0;
        var mem = new ulong[4];
        for (var cycle = 0; cycle < 20000; cycle++)
        {
            var en = rng.Next(3) != 0;
            var x = (ulong)rng.Next(256);
            var sel = (ulong)rng.Next(4);
            sim.Poke("en", en);
            sim.Poke("x", x);
            sim.Poke("sel", sel);
            sim.Eval();
            Assert.Equal(h, sim.Peek("held"));
            Assert.Equal(a, sim.Peek("acc"));
            Assert.Equal(state, sim.Peek("fsm"));
            if (cycle > 0) Assert.Equal(readData, sim.Peek("delayed"));
            sim.Step();
            // The model of the clock edge.
            readData = mem[sel];
            if (en) { h = x; a = (a + x) & 255; mem[sel] = x; }
            else if (sel == 3) a = 0;
            state = state switch { 0 => en ? 1UL : 0, 1 => sel, _ => en ? state : 0 };
        }
    }
}
