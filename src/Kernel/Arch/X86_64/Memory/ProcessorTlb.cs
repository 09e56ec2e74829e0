// The boot CPU's TLB behind ITlb: invlpg for one page, a CR3 reload for everything (which keeps global
// pages; the kernel sets no Global bits yet). Only this CPU: shootdowns to others come with SMP.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed class ProcessorTlb : ITlb
    {
        public void Invalidate(VirtualAddress address) => Cpu.InvalidatePage(address.Value);

        public void InvalidateAll() => Cpu.WriteCr3(Cpu.ReadCr3());
    }
}
