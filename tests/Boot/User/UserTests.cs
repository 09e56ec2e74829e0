// Every ring-3 test (tests/User/UserTests) as its own xunit result, from one boot of the normal kernel with
// the suite as root task (UserTestRun). The theory data comes from the suite's report at run time
// (DisableDiscoveryEnumeration), so discovering the tests never boots QEMU.
using Xunit;

namespace MinimalOS.Tests.Boot.User
{
    public sealed class UserTestsDirectSmp4
    {
        public static TheoryData<string> Names() => UserTestRun.TestNames();

        [Fact]
        public void RunCompletes() => UserTestRun.Instance.CheckCompleted();

        [Fact]
        public void KernelHeapAndFramesAreBackAtTheirBaseline() => UserTestRun.Instance.CheckKernelMemoryAtBaseline();

        [Theory]
        [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
        public void Passes(string test) => UserTestRun.Instance.CheckPassed(test);
    }
}
