// The system-call and capability benchmarks of the root task itself: the cheapest call (ClockMonotonic),
// a capability copy and its deletion, a frame retyped and deleted (its 4 KiB untyped empties, so the
// watermark starts again each time), a 4 KiB frame mapped and unmapped where the page tables are already
// installed, and a whole process made, given a thread, destroyed and revoked back to an empty untyped.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    internal static unsafe class CapabilityBenchmarks
    {
        /// <summary>Where map+unmap maps its frame: one page no other benchmark uses.</summary>
        private const ulong MapAddress = 0x0000_6000_0000_0000;
        private const int ProcessUntypedBits = 17;
        private const int ProcessCNodeRadix = 4;

        private static CapSlot s_copy;
        private static CapSlot s_frameUntyped;
        private static CapSlot s_frame;
        private static CapSlot s_mappedFrame;
        private static CapSlot s_processUntyped;
        private static uint s_processObjects;

        /// <summary>Prepares every benchmark's objects from <paramref name="untyped"/> and runs them; false when one failed.</summary>
        public static bool Run(CapSlot untyped)
        {
            s_copy = RootSpace.Slot(RootSpace.TakeSlot());
            bool ok = BenchTimer.Measure("null syscall", &NullSyscall, 100000);
            ok &= BenchTimer.Measure("cap copy+delete", &CopyDelete, 10000);

            SyscallError error = RootSpace.Make(untyped, ObjectType.Untyped, 12, out uint frameUntyped);
            s_frameUntyped = RootSpace.Slot(frameUntyped);
            s_frame = RootSpace.Slot(RootSpace.TakeSlot());
            ok &= error == SyscallError.None ? BenchTimer.Measure("retype+delete frame", &RetypeDelete, 5000) : BenchTimer.Failed("retype+delete frame", error);

            error = RootSpace.Make(untyped, ObjectType.Frame, 12, out uint mapped);
            s_mappedFrame = RootSpace.Slot(mapped);
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(untyped, s_mappedFrame, RootSpace.AddressSpace, MapAddress, CapRights.Read | CapRights.Write);
            if (error == SyscallError.None)
                error = Syscalls.FrameUnmap(s_mappedFrame);
            ok &= error == SyscallError.None ? BenchTimer.Measure("map+unmap 4 KiB", &MapUnmap, 5000) : BenchTimer.Failed("map+unmap 4 KiB", error);

            error = RootSpace.Make(untyped, ObjectType.Untyped, ProcessUntypedBits, out uint processUntyped);
            s_processUntyped = RootSpace.Slot(processUntyped);
            // Four consecutive slots: CNode, address space, process, thread.
            s_processObjects = RootSpace.TakeSlot();
            for (int i = 1; i < 4; i++)
                RootSpace.TakeSlot();
            ok &= error == SyscallError.None ? BenchTimer.Measure("create+destroy process", &CreateDestroyProcess, 1000) : BenchTimer.Failed("create+destroy process", error);
            return ok;
        }

        private static SyscallError NullSyscall(int operations)
        {
            for (int i = 0; i < operations; i++)
                Syscalls.ClockMonotonic(out _);
            return SyscallError.None;
        }

        private static SyscallError CopyDelete(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                SyscallError error = Syscalls.CapCopy(RootSpace.DebugLog, s_copy, CapRights.All);
                if (error == SyscallError.None)
                    error = Syscalls.CapDelete(s_copy);
                if (error != SyscallError.None)
                    return error;
            }
            return SyscallError.None;
        }

        private static SyscallError RetypeDelete(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                SyscallError error = Syscalls.UntypedRetype(s_frameUntyped, ObjectType.Frame, 12, RootSpace.CNode, s_frame.Path, 1);
                if (error == SyscallError.None)
                    error = Syscalls.CapDelete(s_frame);
                if (error != SyscallError.None)
                    return error;
            }
            return SyscallError.None;
        }

        private static SyscallError MapUnmap(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                SyscallError error = Syscalls.FrameMap(s_mappedFrame, RootSpace.AddressSpace, MapAddress, CapRights.Read | CapRights.Write, FrameCache.WriteBack, out _);
                if (error == SyscallError.None)
                    error = Syscalls.FrameUnmap(s_mappedFrame);
                if (error != SyscallError.None)
                    return error;
            }
            return SyscallError.None;
        }

        // Address space, CNode, process and thread from their own untyped; ProcessCreate, ThreadConfigure,
        // ProcessDestroy; then revoking the untyped deletes the four capabilities and empties it again.
        private static SyscallError CreateDestroyProcess(int operations)
        {
            CapSlot cnode = RootSpace.Slot(s_processObjects);
            CapSlot space = RootSpace.Slot(s_processObjects + 1);
            CapSlot process = RootSpace.Slot(s_processObjects + 2);
            CapSlot thread = RootSpace.Slot(s_processObjects + 3);
            for (int i = 0; i < operations; i++)
            {
                SyscallError error = Syscalls.UntypedRetype(s_processUntyped, ObjectType.CNode, ProcessCNodeRadix, RootSpace.CNode, cnode.Path, 1);
                if (error == SyscallError.None)
                    error = Syscalls.UntypedRetype(s_processUntyped, ObjectType.AddressSpace, 0, RootSpace.CNode, space.Path, 1);
                if (error == SyscallError.None)
                    error = Syscalls.UntypedRetype(s_processUntyped, ObjectType.Process, 0, RootSpace.CNode, process.Path, 1);
                if (error == SyscallError.None)
                    error = Syscalls.UntypedRetype(s_processUntyped, ObjectType.Thread, 0, RootSpace.CNode, thread.Path, 1);
                if (error == SyscallError.None)
                    error = Syscalls.ProcessCreate(process, cnode, space);
                if (error == SyscallError.None)
                    error = Syscalls.ThreadConfigure(thread, process, Syscalls.NoCapability, 0, Syscalls.NoCapability);
                if (error == SyscallError.None)
                    error = Syscalls.ProcessDestroy(process);
                SyscallError revoked = Syscalls.CapRevoke(s_processUntyped);
                if (error == SyscallError.None)
                    error = revoked;
                if (error != SyscallError.None)
                    return error;
            }
            return SyscallError.None;
        }
    }
}
