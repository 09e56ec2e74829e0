// The root task's entry point. For now it only proves that C# runs in ring 3: it logs one line through
// the DebugLog system call (its DebugLog capability sits at RootSlots.DebugLog) and returns, which ends its
// thread with exit code 0. The slot is named with the radix docs/SYSCALLS.md fixes, so this line needs
// nothing from the boot-info page.
using System.Runtime;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.User.RootTask
{
    public static class RootTask
    {
        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfo bootInfo)
        {
            Syscalls.DebugLog(RootCNode.Documented.Slot(RootSlots.DebugLog), "root task: hello from ring 3"u8);
        }
    }
}
