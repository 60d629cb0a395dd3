using Zfpe.Hdl.Emit;
using Zfpe.Hdl.Lib.Basic;
using Zfpe.Hdl.Lib.Streams;
using Zfpe.Hdl.Tests.Support;

namespace Zfpe.Hdl.Tests;

public class ScratchTests
{
    [Fact]
    public void Dump()
    {
        foreach (var d in new Func<Component>[] { () => new Counter(8), () => new SyncFifo(8, 16), () => new SyncFifo(8, 5, true), () => new SkidBuffer(8, true), () => new RoundRobinArbiter(3, 8, true) })
        {
            var e = VerilogEmitter.Emit(d());
            foreach (var f in e.Files) File.WriteAllText("/tmp/scratch_" + f.FileName, f.Text);
            Assert.Equal("", VerilogTools.Lint(e));
        }
    }
}
