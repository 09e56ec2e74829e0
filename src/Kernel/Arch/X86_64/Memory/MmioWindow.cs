// Maps device registers (local APIC, I/O APICs, HPET) into KernelMemoryLayout's MMIO window, uncached and
// never executable. Mappings are permanent and not shared-checked: each driver maps its block once at
// start-up. Safe from any CPU: the "MMIO window" lock covers claiming the range and mapping it (order:
// MMIO window -> kernel address space -> frames); failures are logged after it is released. Must never be
// used for RAM (the direct map covers that) nor from interrupt handlers.
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class MmioWindow
    {
        private const PageFlags DeviceFlags = PageFlags.Writable | PageFlags.CacheDisable | PageFlags.WriteThrough | PageFlags.NoExecute;

        private const string LockName = "MMIO window";

        // In .bss with plain values, so the window works whatever has been allocated yet.
        private static TicketLock s_lock;
        private static ulong s_used;

        /// <summary>
        /// Maps <paramref name="size"/> bytes of registers at <paramref name="physical"/> and returns a pointer to
        /// the first byte, or null (logged) when the window is full or the kernel address space refuses.
        /// </summary>
        public static byte* Map(PhysicalAddress physical, ulong size, string device)
        {
            if (KernelAddressSpace.Space is null || size == 0)
                return null;
            ulong pageOffset = physical.Value & (PageSize.Small - 1);
            ulong firstPage = physical.Value - pageOffset;
            ulong length = (pageOffset + size + PageSize.Small - 1) & ~(PageSize.Small - 1);
            s_lock.Acquire(LockName);
            ulong virt = KernelMemoryLayout.MmioBase + s_used;
            bool fits = length <= KernelMemoryLayout.MmioSize - s_used;
            PagingResult result = fits
                ? KernelAddressSpace.Space.Map(new VirtualAddress(virt), new PhysicalAddress(firstPage), length, DeviceFlags)
                : PagingResult.RangeWraps;
            if (result == PagingResult.Success)
                s_used += length;
            s_lock.Release(LockName);
            if (!fits)
            {
                Log.Error("mmio", $"no room left in the MMIO window for {device} at 0x{physical.Value:x}");
                return null;
            }
            if (result != PagingResult.Success)
            {
                Log.Error("mmio", $"mapping {device} registers at 0x{physical.Value:x} failed: result {(int)result}");
                return null;
            }
            return (byte*)(virt + pageOffset);
        }
    }
}
