// The root task's entry point. For now it only proves that C# runs in ring 3: it logs one line through
// the DebugLog system call and returns, which ends its thread.
using System.Runtime;
using MinimalOS.User.Runtime;

namespace MinimalOS.User.RootTask
{
    public static class RootTask
    {
        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfoPage bootInfo)
        {
            Syscalls.DebugLog("root task: hello from ring 3"u8);
        }
    }
}
