// The TLBs behind ITlb: invlpg for one page, a CR3 reload for everything (which keeps global pages; the
// kernel sets no Global bits yet), on the calling CPU and - once more than one CPU is online - on every
// other online CPU through a synchronous cross-CPU call (a shootdown), so a changed or removed mapping is
// gone everywhere when the call returns. Callers may have interrupts off, but follow CrossCpuCall's rules:
// never from inside a cross-CPU call function, never while holding a lock another CPU may spin on with
// interrupts off. Concurrent shootdowns from two CPUs serialise on the cross-call lock without deadlock.
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class ProcessorTlb : ITlb
    {
        public void Invalidate(VirtualAddress address)
        {
            Cpu.InvalidatePage(address.Value);
            if (OnlineCpus.Count > 1)
                CrossCpuCall.RunOnOthers(&InvalidatePageHere, (nint)address.Value);
        }

        public void InvalidateAll()
        {
            Cpu.WriteCr3(Cpu.ReadCr3());
            if (OnlineCpus.Count > 1)
                CrossCpuCall.RunOnOthers(&InvalidateAllHere, 0);
        }

        private static void InvalidatePageHere(nint address) => Cpu.InvalidatePage((ulong)address);

        private static void InvalidateAllHere(nint unused) => Cpu.WriteCr3(Cpu.ReadCr3());
    }
}
