// Where the kernel heap gets its pages: runs of contiguous, mapped, writable 4 KiB virtual pages. The heap
// asks for more when it grows and gives whole runs back when slabs or large blocks empty. Implementations:
// RegionPageSource (a fixed, already-mapped region: the kernel's .bss heap today, host tests) and, after
// integration, pages built from IFrameAllocator frames mapped into the heap's virtual range. A page source
// must never allocate from the heap it feeds (that would recurse) and must not log while its own state is
// inconsistent.
namespace MinimalOS.Kernel.Memory.Heap
{
    public interface IHeapPageSource
    {
        /// <summary>
        /// <paramref name="count"/> contiguous pages, page-aligned, readable and writable, contents undefined;
        /// false (and nothing held) when the source cannot provide them.
        /// </summary>
        bool TryAllocatePages(int count, out VirtualAddress start);

        /// <summary>Gives back a run exactly as it was obtained (same start, same count).</summary>
        void FreePages(VirtualAddress start, int count);

        /// <summary>
        /// Whether <paramref name="address"/> lies in the virtual range this source hands pages out of. The heap
        /// reads a page's header only after this says yes, so a foreign pointer is reported instead of
        /// dereferenced.
        /// </summary>
        bool Contains(VirtualAddress address);
    }
}
