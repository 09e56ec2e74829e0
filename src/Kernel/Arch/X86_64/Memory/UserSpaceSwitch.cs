// Loading a user address space into CR3, and the TLB shootdown for a change to its mappings, which goes
// only to CPUs that ran that space (UserTlbState explains the ordering that makes this safe). With PCIDs
// (every user space has its own: its address-space id, AddressSpaceRegistry) a load keeps the space's
// cached entries (CR3 bit 63, "no flush") unless its stale bit for this CPU says otherwise; without PCIDs
// every load flushes. Kernel threads run on the kernel's root: the kernel half is Global, so that switch keeps it cached.
// Everything here runs with interrupts off on the calling CPU.
using System;
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class UserSpaceSwitch
    {
        private const ulong NoFlush = 1UL << 63;
        // Beyond this many pages one CR3 reload of the space is cheaper than that many INVLPGs.
        private const int MaxSinglePages = 32;

        /// <summary>Makes <paramref name="root"/> (tracked by <paramref name="space"/>) this CPU's address space.</summary>
        public static void Load(UserTlbState* space, PhysicalAddress root)
        {
            CpuLocal* local = ThisCpu.Local;
            if (local->ActiveUserSpace == (ulong)space)
                return;
            Interlocked.Exchange(ref *(long*)&local->ActiveUserSpace, (long)space);
            bool flush = space->BeginLoad((int)local->Index);
            ulong cr3 = root.Value;
            if (TlbFeatures.ProcessContextIds)
            {
                cr3 |= space->Pcid;
                if (!flush)
                    cr3 |= NoFlush;
            }
            Cpu.WriteCr3(cr3);
        }

        /// <summary>Back to the kernel's own root (for kernel threads); its half is Global, so nothing is lost.</summary>
        public static void LoadKernel()
        {
            CpuLocal* local = ThisCpu.Local;
            if (local->ActiveUserSpace == 0)
                return;
            local->ActiveUserSpace = 0;
            Cpu.WriteCr3(KernelAddressSpace.Space.Root.Value | (TlbFeatures.ProcessContextIds ? NoFlush : 0));
        }

        /// <summary>After the entries for <paramref name="pages"/> of a space changed: they are gone from every TLB when this returns.</summary>
        public static void Shootdown(UserTlbState* space, ReadOnlySpan<ulong> pages)
        {
            bool interrupts = Cpu.DisableInterruptsSaving();
            CpuLocal* local = ThisCpu.Local;
            bool activeHere = local->ActiveUserSpace == (ulong)space;
            fixed (ulong* first = pages)
            {
                var request = new Request(space, first, pages.Length);
                if (activeHere)
                    InvalidateHere(&request);
                ulong targets = space->MarkStale(activeHere ? (int)local->Index : -1);
                while (targets != 0)
                {
                    int cpu = Memory.Heap.BitScan.LowestSetBit(targets);
                    targets &= targets - 1;
                    CpuLocal* other = CpuLocals.Get(cpu);
                    if (other != null && Volatile.Read(ref *(long*)&other->ActiveUserSpace) == (long)space)
                        CrossCpuCall.RunOn(cpu, &InvalidateIfActive, (nint)(&request));
                }
            }
            Cpu.RestoreInterrupts(interrupts);
        }

        /// <summary>After a change that may touch any page of the space (a page table removed): flush all of it.</summary>
        public static void ShootdownEverything(UserTlbState* space)
        {
            ulong* many = stackalloc ulong[MaxSinglePages + 1];
            Shootdown(space, new ReadOnlySpan<ulong>(many, MaxSinglePages + 1));
        }

        private static void InvalidateIfActive(nint argument)
        {
            var request = (Request*)argument;
            if (ThisCpu.Local->ActiveUserSpace == (ulong)request->Space)
                InvalidateHere(request);
        }

        private static void InvalidateHere(Request* request)
        {
            if (request->Count > MaxSinglePages)
            {
                // Without bit 63 a CR3 write drops the current PCID's non-global entries: exactly this space's.
                Cpu.WriteCr3(Cpu.ReadCr3() & ~NoFlush);
                return;
            }
            for (int i = 0; i < request->Count; i++)
                Cpu.InvalidatePage(request->Pages[i]);
        }

        private readonly struct Request
        {
            public Request(UserTlbState* space, ulong* pages, int count)
            {
                Space = space;
                Pages = pages;
                Count = count;
            }

            public UserTlbState* Space { get; }
            public ulong* Pages { get; }
            public int Count { get; }
        }
    }
}
