// The ring-3 test suite's entry point. It runs as the root task of a boot of its own (the kernel loads the
// first boot module as the root task; tests/Boot boots it with `wait-roottask exit-on-ready`), carves its
// test untyped, runs every test (UserTestRunner reports each through DebugLog) and exits its thread with
// the number of failed tests as exit code, so the kernel can tell QEMU whether all passed.
using System.Runtime;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Tests;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User
{
    public static class UserTests
    {
        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfo bootInfo)
        {
            BasicCallTests.Register();
            SlotPathTests.Register();
            CapabilityTests.Register();
            UntypedTests.Register();
            MemoryTests.Register();
            ThreadTests.Register();
            ProcessTests.Register();
            IsolationTests.Register();
            RateLimitTests.Register();
            IpcTests.Register();
            NotificationTests.Register();
            FaultTests.Register();
            string setupFailure = TestEnvironment.Initialize(bootInfo);
            ulong failed = UserTestRunner.RunAll(setupFailure);
            Syscalls.ThreadExit(failed);
        }
    }
}
