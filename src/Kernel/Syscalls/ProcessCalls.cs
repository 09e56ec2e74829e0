// Process system calls: giving a process object its CNode and address space, and destroying a process as
// one (its threads stopped for good, everything it holds deleted; the call returns once the threads are
// off every CPU).
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class ProcessCalls
    {
        /// <summary>A0 process (Write), A1 CNode, A2 address space.</summary>
        public static SyscallResult Create(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            CapabilitySlot* cnode = null, space = null;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Process, CapRights.None, out CapabilitySlot* process);
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A1, ObjectType.CNode, CapRights.None, out cnode);
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A2, ObjectType.AddressSpace, CapRights.None, out space);
            if (error == SyscallError.None)
                error = ProcessObject.Create(process, cnode, space);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 process (Write).</summary>
        public static SyscallResult Destroy(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Process, CapRights.None, out CapabilitySlot* process);
            if (error == SyscallError.None)
                error = ProcessObject.Destroy(process);
            KernelObjects.Lock.Release();
            ThreadWaits.UntilDestroyedThreadsLeft();
            return error;
        }
    }
}
