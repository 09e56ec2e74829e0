// Per-size-class state of the heap: the list of slabs with free room and the counts behind the
// statistics. Kept apart from the (generic) SlabHeap so its fixed-size arrays live in a plain struct.
namespace MinimalOS.Kernel.Memory.Heap
{
    internal unsafe struct SizeClassTable
    {
        /// <summary>Head of each class's doubly linked list of slabs that have a free object (SlabHeader*).</summary>
        public fixed ulong PartialSlabs[HeapSizeClasses.Count];
        public fixed int LiveObjects[HeapSizeClasses.Count];
        public fixed int Slabs[HeapSizeClasses.Count];
        public fixed int EmptySlabs[HeapSizeClasses.Count];
    }
}
