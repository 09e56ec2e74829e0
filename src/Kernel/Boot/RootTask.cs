// Makes the root task, the one program the kernel loads itself (seL4's way): from the first boot module,
// an ELF that ElfParser has checked, it builds a root CNode (radix 12) holding all untyped memory the
// kernel does not keep, the control capabilities, and the task's own objects - address space, thread,
// process, the frames and page tables of its image and stack, and a read-only boot-info page
// (RootTaskBootInfo) saying where each capability sits. Every object comes out of the first untyped
// region through the same code the system calls use, so the task's memory is accounted like any other.
// Then the thread starts at the ELF entry with rsp at its stack top and rdi at the boot-info page.
// Everything after that - more programs, drivers, services - is the root task's business.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Elf;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Syscalls;

namespace MinimalOS.Kernel.Boot
{
    public static unsafe class RootTask
    {
        public const int CNodeRadix = 12;
        public const ulong StackTop = 0x0000_7FFF_FFE0_0000;
        public const ulong StackBytes = 64 * 1024;
        public const ulong BootInfoAddress = StackTop;
        private const int RootPriority = 16;
        private const int RootMaxControlledPriority = 31;

        private static BootSlots s_boot;
        private static ThreadControl* s_thread;
        private static int s_exited;
        private static ulong s_exitCode;
        private static uint s_nextSlot;

        private struct BootSlots
        {
            public CapabilitySlot Untyped;
            public CapabilitySlot CNode;
        }

        /// <summary>Whether the root task's thread has ended (ThreadExit or a kill), and with which code.</summary>
        public static bool HasExited => System.Threading.Volatile.Read(ref s_exited) != 0;
        public static ulong ExitCode => s_exitCode;

        /// <summary>Loads and starts the root task; null on success, else why not (nothing runs then).</summary>
        public static string Start(ReadOnlySpan<byte> elf, IContiguousFrameAllocator frames, ReadOnlySpan<char> commandLine)
        {
            ElfError elfError = ElfParser.Parse(elf, out ElfImage image);
            if (elfError != ElfError.None)
                return "the root task module is not a valid ELF executable";
            UntypedHarvest harvest = UntypedHarvest.Collect(frames);
            if (harvest.Count == 0)
                return "no memory left for untyped regions";
            ThreadObject.SetExitObserver(&OnThreadExit);
            KernelObjects.Lock.Acquire();
            string failure = Build(elf, ref image, ref harvest, commandLine, out ThreadControl* thread, out CapabilitySlot* threadCap);
            if (failure is null)
            {
                s_thread = thread;
                Log.Info("roottask", $"starting: entry 0x{image.Entry.Value:x}, {image.SegmentCount} segments, {harvest.Count} untyped regions ({harvest.TotalBytes / 1024} KiB), {s_nextSlot} slots used");
                if (ThreadObject.Start(threadCap, ulong.MaxValue) != SyscallError.None)
                    failure = "the root thread did not start";
            }
            KernelObjects.Lock.Release();
            return failure;
        }

        // Told by the exit path of every object thread: notes when the root task's ends.
        private static void OnThreadExit(ThreadControl* thread, ulong code)
        {
            if (thread != s_thread || s_thread == null)
                return;
            s_exitCode = code;
            // Logged before the flag: a waiting boot thread may end QEMU as soon as it sees the flag.
            Log.Info("roottask", $"exited with code {code}");
            System.Threading.Volatile.Write(ref s_exited, 1);
        }

        /// <summary>Waits (sleeping) until the root task has exited; false after <paramref name="timeoutNanoseconds"/>.</summary>
        public static bool WaitForExit(ulong timeoutNanoseconds)
        {
            ulong deadline = Time.KernelClock.Nanoseconds() + timeoutNanoseconds;
            while (!HasExited)
            {
                if (Time.KernelClock.Nanoseconds() >= deadline)
                    return false;
                Scheduler.Sleep(1_000_000);
            }
            return true;
        }

        private static string Build(ReadOnlySpan<byte> elf, ref ElfImage image, ref UntypedHarvest harvest, ReadOnlySpan<char> commandLine, out ThreadControl* thread, out CapabilitySlot* threadCap)
        {
            thread = null;
            threadCap = null;
            // Statics never move (no GC): the boot slots keep their addresses.
            var bootUntyped = (CapabilitySlot*)Unsafe.AsPointer(ref s_boot.Untyped);
            var bootCNode = (CapabilitySlot*)Unsafe.AsPointer(ref s_boot.CNode);
            if (RootCapabilities.CreateUntyped(bootUntyped, harvest.Base(0), harvest.SizeBits(0)) != SyscallError.None)
                return "the first untyped region is malformed";
            if (UntypedMemory.Retype(bootUntyped, ObjectType.CNode, CNodeRadix, bootCNode, 1, KernelObjects.DirectMap) != SyscallError.None)
                return "no memory for the root CNode";
            CapabilitySlot* slots = bootCNode->CNodeSlots;
            CapabilitySlot* untyped = slots + RootSlots.FirstDynamic;
            CapabilityOperations.Move(bootCNode, slots + RootSlots.CNode);
            CapabilityOperations.Move(bootUntyped, untyped);
            CapabilitySlot* cnode = slots + RootSlots.CNode;
            s_nextSlot = RootSlots.FirstDynamic + 1;
            for (int i = 1; i < harvest.Count; i++)
                RootCapabilities.CreateUntyped(slots + s_nextSlot++, harvest.Base(i), harvest.SizeBits(i));
            RootCapabilities.CreateControl(slots + RootSlots.DebugLog, ObjectType.DebugLog);
            RootCapabilities.CreateControl(slots + RootSlots.IrqControl, ObjectType.IrqControl);
            RootCapabilities.CreateControl(slots + RootSlots.IoPortControl, ObjectType.IoPortControl);

            CapabilitySlot* space = slots + RootSlots.AddressSpace;
            CapabilitySlot* process = slots + RootSlots.Process;
            threadCap = slots + RootSlots.Thread;
            if (!Make(untyped, ObjectType.AddressSpace, 0, space) || !Make(untyped, ObjectType.Thread, 0, threadCap)
                || !Make(untyped, ObjectType.Process, 0, process) || !Make(untyped, ObjectType.Frame, ObjectSizes.SmallFrameBits, slots + RootSlots.BootInfoFrame))
                return "no memory for the root task's objects";
            if (ProcessObject.Create(process, cnode, space) != SyscallError.None)
                return "the root process could not be set up";

            uint firstImageSlot = s_nextSlot;
            for (int i = 0; i < image.SegmentCount; i++)
            {
                string failure = LoadSegment(elf, image.Segment(i), untyped, slots, space);
                if (failure is not null)
                    return failure;
            }
            for (ulong page = StackTop - StackBytes; page < StackTop; page += PageSize.Small)
            {
                if (!MapNewFrame(untyped, slots, space, page, CapRights.Read | CapRights.Write, out _))
                    return "no memory for the root task's stack";
            }
            CapabilitySlot* bootInfoFrame = slots + RootSlots.BootInfoFrame;
            if (!MapWithTables(untyped, slots, bootInfoFrame, space, BootInfoAddress, CapRights.Read))
                return "the boot-info page could not be mapped";
            // Last, so the image range also covers any page table the boot-info page needed.
            FillBootInfo((RootTaskBootInfo*)KernelObjects.DirectMap.ToPointer(bootInfoFrame->PhysicalBase), ref harvest, firstImageSlot, s_nextSlot, commandLine);

            thread = ThreadObject.Control(threadCap);
            if (ThreadObject.Configure(threadCap, process, null, 0, null) != SyscallError.None)
                return "the root thread could not be configured";
            thread->Priority = RootPriority;
            thread->MaxControlledPriority = RootMaxControlledPriority;
            Scheduler.SetPriorityOf(ThreadObject.SchedulerThread(thread), RootPriority);
            var registers = new UserRegisters { Rip = image.Entry.Value, Rsp = StackTop, Rdi = BootInfoAddress, Rflags = 0x202 };
            if (ThreadObject.WriteRegisters(threadCap, in registers) != SyscallError.None)
                return "the root thread's registers were refused";
            return null;
        }

        private static string LoadSegment(ReadOnlySpan<byte> elf, ElfSegment segment, CapabilitySlot* untyped, CapabilitySlot* slots, CapabilitySlot* space)
        {
            CapRights rights = CapRights.Read;
            if ((segment.Access & ElfSegmentAccess.Write) != 0)
                rights |= CapRights.Write;
            if ((segment.Access & ElfSegmentAccess.Execute) != 0)
                rights |= CapRights.Execute;
            for (ulong page = segment.FirstPage; page < segment.PagesEnd; page += PageSize.Small)
            {
                if (!MapNewFrame(untyped, slots, space, page, rights, out CapabilitySlot* frame))
                    return "no memory for the root task's image";
                byte* memory = KernelObjects.DirectMap.ToPointer(frame->PhysicalBase);
                // The file bytes of this page: [max(page, vaddr), min(page + 4 KiB, vaddr + filesz)).
                ulong start = page > segment.VirtualAddress.Value ? page : segment.VirtualAddress.Value;
                ulong fileEnd = segment.VirtualAddress.Value + segment.FileSize;
                ulong end = page + PageSize.Small < fileEnd ? page + PageSize.Small : fileEnd;
                if (end > start)
                {
                    ReadOnlySpan<byte> bytes = elf.Slice((int)(segment.FileOffset + (start - segment.VirtualAddress.Value)), (int)(end - start));
                    bytes.CopyTo(new Span<byte>(memory + (start - page), bytes.Length));
                }
            }
            return null;
        }

        private static bool MapNewFrame(CapabilitySlot* untyped, CapabilitySlot* slots, CapabilitySlot* space, ulong address, CapRights rights, out CapabilitySlot* frame)
        {
            frame = null;
            if (s_nextSlot >= 1u << CNodeRadix)
                return false;
            frame = slots + s_nextSlot++;
            return Make(untyped, ObjectType.Frame, ObjectSizes.SmallFrameBits, frame) && MapWithTables(untyped, slots, frame, space, address, rights);
        }

        // Maps the frame, retyping and installing a page table for each level that is missing on the way.
        private static bool MapWithTables(CapabilitySlot* untyped, CapabilitySlot* slots, CapabilitySlot* frame, CapabilitySlot* space, ulong address, CapRights rights)
        {
            for (int attempt = 0; attempt < 4; attempt++)
            {
                SyscallError error = FrameObject.Map(frame, space, address, rights, CacheType.WriteBack, out PageTableLevel missing);
                if (error != SyscallError.MissingPageTable)
                    return error == SyscallError.None;
                if (s_nextSlot >= 1u << CNodeRadix)
                    return false;
                CapabilitySlot* table = slots + s_nextSlot++;
                if (!Make(untyped, ObjectType.PageTable, ObjectSizes.PageTableBits, table) || PageTableObject.Map(table, space, address, out _) != SyscallError.None)
                    return false;
            }
            return false;
        }

        private static bool Make(CapabilitySlot* untyped, ObjectType type, int sizeBits, CapabilitySlot* destination)
        {
            if (UntypedMemory.Retype(untyped, type, sizeBits, destination, 1, KernelObjects.DirectMap) != SyscallError.None)
                return false;
            UntypedCalls.InitializeObject(destination);
            return true;
        }

        private static void FillBootInfo(RootTaskBootInfo* info, ref UntypedHarvest harvest, uint firstImageSlot, uint imageSlotEnd, ReadOnlySpan<char> commandLine)
        {
            info->Magic = RootTaskBootInfo.ExpectedMagic;
            info->Version = 1;
            info->RootCNodeRadix = CNodeRadix;
            info->FirstUntypedSlot = RootSlots.FirstDynamic;
            info->UntypedCount = (uint)harvest.Count;
            info->FirstImageSlot = firstImageSlot;
            info->ImageSlotEnd = imageSlotEnd;
            info->FirstFreeSlot = imageSlotEnd;
            info->FreeSlotEnd = 1u << CNodeRadix;
            info->StackTop = StackTop;
            info->StackBytes = StackBytes;
            info->CpuCount = (ulong)Scheduler.ProcessorCount;
            int length = commandLine.Length < RootTaskBootInfo.CommandLineCapacity ? commandLine.Length : RootTaskBootInfo.CommandLineCapacity;
            for (int i = 0; i < length; i++)
                info->CommandLine[i] = commandLine[i] < 128 ? (byte)commandLine[i] : (byte)'?';
            info->CommandLineLength = (uint)length;
            for (int i = 0; i < harvest.Count && i < RootTaskBootInfo.MaxUntypedRegions; i++)
            {
                info->UntypedPhysical[i] = harvest.Base(i).Value;
                info->UntypedSizeBits[i] = (byte)harvest.SizeBits(i);
            }
        }
    }
}
