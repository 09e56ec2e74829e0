// A mutual-exclusion lock as portable code sees it: shared kernel structures that live in portable code
// (an address space's page tables, the kernel stack window) take one around each operation, without
// knowing how the platform implements it (an IRQ-safe ticket spinlock in the kernel, a counting fake in
// host tests). Holders must not block, and must never take a lock they already hold.
namespace MinimalOS.Kernel.Sync
{
    public interface IKernelLock
    {
        void Acquire();

        void Release();
    }
}
