namespace Zfpe.Sim.Tests;

/// <summary>
/// The shim skips eval_step()'s thread-local bookkeeping only when eval_step() has exactly the
/// single-threaded shape it knows; anything else keeps the plain eval().
/// </summary>
public sealed class DirectEvalTests
{
    private const string Prefix = "Vzfpe_0123456789ab";

    private static string ModelCpp(string evalStepBody, bool declared = true) =>
        $$"""
        // Verilated -*- C++ -*-
        #include "{{Prefix}}.h"
        {{(declared ? $"void {Prefix}___024root___eval({Prefix}___024root* vlSelf);" : "")}}
        #ifdef VL_DEBUG
        void {{Prefix}}___024root___eval_debug_assertions({{Prefix}}___024root* vlSelf);
        #endif  // VL_DEBUG

        void {{Prefix}}::eval_step() {
        {{evalStepBody}}
        }

        bool {{Prefix}}::eventsPending() { return false; }
        """;

    // Verilator 5.006's eval_step() for a model without --threads, as it generates it.
    private const string SingleThreaded = $$"""
            VL_DEBUG_IF(VL_DBG_MSGF("+++++TOP Evaluate {{Prefix}}::eval_step\n"); );
        #ifdef VL_DEBUG
            // Debug assertions
            {{Prefix}}___024root___eval_debug_assertions(&(vlSymsp->TOP));
        #endif  // VL_DEBUG
            if (VL_UNLIKELY(!vlSymsp->__Vm_didInit)) {
                vlSymsp->__Vm_didInit = true;
                VL_DEBUG_IF(VL_DBG_MSGF("+ Initial\n"););
                {{Prefix}}___024root___eval_static(&(vlSymsp->TOP));
                {{Prefix}}___024root___eval_initial(&(vlSymsp->TOP));
                {{Prefix}}___024root___eval_settle(&(vlSymsp->TOP));
            }
            // MTask 0 start
            VL_DEBUG_IF(VL_DBG_MSGF("MTask0 starting\n"););
            Verilated::mtaskId(0);
            VL_DEBUG_IF(VL_DBG_MSGF("+ Eval\n"););
            {{Prefix}}___024root___eval(&(vlSymsp->TOP));
            // Evaluate cleanup
            Verilated::endOfThreadMTask(vlSymsp->__Vm_evalMsgQp);
            Verilated::endOfEval(vlSymsp->__Vm_evalMsgQp);
        """;

    [Fact]
    public void The_single_threaded_shape_names_the_root_eval()
    {
        Assert.Equal(Prefix + "___024root___eval", VerilatorOutput.SingleThreadedRootEval(ModelCpp(SingleThreaded), Prefix));
    }

    [Theory]
    [InlineData("an extra statement", "Verilated::endOfEval(vlSymsp->__Vm_evalMsgQp);", "Verilated::endOfEval(vlSymsp->__Vm_evalMsgQp);\n    vlSymsp->__Vm_threadPoolp->waitIdle();")]
    [InlineData("a thread pool around the root eval", "Verilated::mtaskId(0);", "vlSymsp->__Vm_threadPoolp->workerp(0)->wait();")]
    [InlineData("another root function", "___024root___eval(&(vlSymsp->TOP));", "___024root___eval_mt(&(vlSymsp->TOP));")]
    public void Any_other_shape_keeps_the_plain_eval(string what, string find, string replace)
    {
        var changed = SingleThreaded.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(SingleThreaded, changed);
        Assert.True(VerilatorOutput.SingleThreadedRootEval(ModelCpp(changed), Prefix) is null, what);
    }

    [Fact]
    public void An_undeclared_root_eval_keeps_the_plain_eval()
    {
        Assert.Null(VerilatorOutput.SingleThreadedRootEval(ModelCpp(SingleThreaded, declared: false), Prefix));
    }

    [Fact]
    public void Models_from_the_packaged_Verilator_take_the_direct_path()
    {
        var model = ModelCache.Default.GetOrBuild(Designs.Counter(), new SimOptions { Waves = WaveFormat.None });
        if (!model.Manifest.VerilatorVersion.StartsWith("Verilator 5.006", StringComparison.Ordinal))
            Assert.Fail($"this check knows Verilator 5.006's eval_step(); {model.Manifest.VerilatorVersion} needs its shape added to VerilatorOutput.SingleThreadedRootEval (or this test changed)");
        Assert.Equal(model.Manifest.Prefix + "___024root___eval", model.Manifest.DirectRootEval);
        Assert.Contains($"{model.Manifest.DirectRootEval}(s->model->rootp)", File.ReadAllText(Path.Combine(model.Directory, "shim.cpp")));
    }
}
