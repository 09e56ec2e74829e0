// The part of System.Environment the kernel needs: ending everything at once with a reason. Generated
// code (the GVM dispatchers of tools/GvmRewriter) calls FailFast by this BCL signature, so it must keep it.
// It must never return.
using Internal.Runtime;

namespace System
{
    public static class Environment
    {
        public static void FailFast(string message) => RuntimeHooks.FailFast(message);
    }
}
