// What every kernel-object operation shares: the one lock that serialises capability and object
// operations (seL4 also runs its kernel under one lock on SMP: the operations are short, and one lock
// rules out lock-order bugs between CNodes, untyped regions and address spaces), the page-table code for
// user address spaces, the address-space registry and the count of pins on thread memory: threads that were
// destroyed while they still ran, and IPC handoffs that hold a thread's pointer outside the lock. Memory
// made from untyped is reused only by a later retype, and a retype waits until that count is zero, so no
// object memory is zeroed under a thread that has not yet left its kernel stack or under a pending switch to it.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe class KernelObjects
    {
        private static AddressSpaceRegistry s_spaces;
        private static int s_threadMemoryPins;

        public static IKernelLock Lock { get; private set; }
        public static DirectMap DirectMap { get; private set; }
        public static UserPageTables PageTables { get; private set; }
        public static PhysicalAddress KernelRoot { get; private set; }

        public static ref AddressSpaceRegistry Spaces => ref s_spaces;

        /// <summary>Threads destroyed while they still ran, plus IPC handoffs in flight; retype waits for this to reach 0.</summary>
        public static int ThreadMemoryPins => System.Threading.Volatile.Read(ref s_threadMemoryPins);

        /// <summary>The count an IPC handoff raises (under the lock) and the scheduler lowers once the switch is decided.</summary>
        internal static ref int HandoffPins => ref s_threadMemoryPins;

        public static void Initialize(IKernelLock objectLock, DirectMap directMap, UserPageTables pageTables, PhysicalAddress kernelRoot)
        {
            Lock = objectLock;
            DirectMap = directMap;
            PageTables = pageTables;
            KernelRoot = kernelRoot;
        }

        internal static void ThreadStartsLeaving() => System.Threading.Interlocked.Increment(ref s_threadMemoryPins);

        internal static void ThreadLeft() => System.Threading.Interlocked.Decrement(ref s_threadMemoryPins);
    }
}
