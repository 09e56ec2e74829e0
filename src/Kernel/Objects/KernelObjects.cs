// What every kernel-object operation shares: the one lock that serialises capability and object
// operations (seL4 also runs its kernel under one lock on SMP: the operations are short, and one lock
// rules out lock-order bugs between CNodes, untyped regions and address spaces), the page-table code for
// user address spaces, the address-space registry and the count of threads that were destroyed while they
// still ran. Memory made from untyped is reused only by a later retype, and a retype waits until that
// count is zero, so no object memory is zeroed under a thread that has not yet left its kernel stack.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe class KernelObjects
    {
        private static AddressSpaceRegistry s_spaces;
        private static int s_threadsLeavingCpus;

        public static IKernelLock Lock { get; private set; }
        public static DirectMap DirectMap { get; private set; }
        public static UserPageTables PageTables { get; private set; }
        public static PhysicalAddress KernelRoot { get; private set; }

        public static ref AddressSpaceRegistry Spaces => ref s_spaces;

        /// <summary>Threads destroyed while they still ran; retype waits for this to reach 0.</summary>
        public static int ThreadsLeavingCpus => System.Threading.Volatile.Read(ref s_threadsLeavingCpus);

        public static void Initialize(IKernelLock objectLock, DirectMap directMap, UserPageTables pageTables, PhysicalAddress kernelRoot)
        {
            Lock = objectLock;
            DirectMap = directMap;
            PageTables = pageTables;
            KernelRoot = kernelRoot;
        }

        internal static void ThreadStartsLeaving() => System.Threading.Interlocked.Increment(ref s_threadsLeavingCpus);

        internal static void ThreadLeft() => System.Threading.Interlocked.Decrement(ref s_threadsLeavingCpus);
    }
}
