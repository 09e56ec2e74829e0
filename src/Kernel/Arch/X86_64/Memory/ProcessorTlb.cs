// The TLBs behind ITlb (the kernel's address space, whose leaves are Global): invlpg for each page of a list
// (it drops global entries under every PCID), a flush of everything including global entries (TlbFeatures)
// for the rest, on the calling CPU and - once more than one CPU is online -
// on every other online CPU through one synchronous cross-CPU call per list (a shootdown), so a changed or
// removed mapping is gone everywhere when the call returns. Callers may have interrupts off and may hold
// spinlocks (a CPU spinning for a ticket lock answers cross-CPU calls meanwhile), but never call it from
// inside a cross-CPU call function. Concurrent shootdowns from two CPUs serialise on the cross-call lock.
using System;
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class ProcessorTlb : ITlb
    {
        public void Invalidate(ReadOnlySpan<ulong> addresses)
        {
            fixed (ulong* first = addresses)
            {
                var pages = new PageList(first, addresses.Length);
                InvalidatePagesHere((nint)(&pages));
                // One shootdown for the whole list; the list stays on this stack until every CPU is done.
                if (OnlineCpus.Count > 1)
                    CrossCpuCall.RunOnOthers(&InvalidatePagesHere, (nint)(&pages));
            }
        }

        public void InvalidateAll()
        {
            TlbFeatures.FlushEverythingHere();
            if (OnlineCpus.Count > 1)
                CrossCpuCall.RunOnOthers(&InvalidateAllHere, 0);
        }

        private static void InvalidatePagesHere(nint list)
        {
            var pages = (PageList*)list;
            for (int i = 0; i < pages->Count; i++)
                Cpu.InvalidatePage(pages->Addresses[i]);
        }

        private readonly struct PageList
        {
            public PageList(ulong* addresses, int count)
            {
                Addresses = addresses;
                Count = count;
            }

            public ulong* Addresses { get; }
            public int Count { get; }
        }

        private static void InvalidateAllHere(nint unused) => TlbFeatures.FlushEverythingHere();
    }
}
