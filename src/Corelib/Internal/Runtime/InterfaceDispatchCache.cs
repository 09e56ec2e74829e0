// A one-entry (monomorphic) cache per interface call site, allocation-free so that it works in interrupt
// handlers. The first resolution of a dispatch cell takes an entry from a fixed pool, fills it with the
// receiver's type, the target and the interface, and rewrites the cell to use it with the stub
// RhpInterfaceDispatchMonomorphic (assembly): a receiver of the cached type then jumps straight to the
// target, any other goes back to the resolver, and the entry is never changed. An entry is complete
// before any cell points at it, so other CPUs and interrupt handlers see either the old cell or a whole
// entry. When the pool runs out, further cells simply stay uncached.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Internal.Runtime
{
    internal static unsafe class InterfaceDispatchCache
    {
        private const int Capacity = 1024;

        private static EntryPool s_pool;
        private static int s_used;

        internal struct Entry
        {
            internal MethodTable* Type;
            internal nint Target;
            internal MethodTable* Interface;
        }

        // Whole 64-bit words keep every entry 8-byte aligned, so a pointer to one has a zero tag.
        private struct EntryPool
        {
            public fixed long Words[Capacity * 3];
        }

        [RuntimeImport("*", "RhpInterfaceDispatchMonomorphic")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void MonomorphicStub();

        /// <summary>Caches <paramref name="target"/> for receivers of <paramref name="type"/> at <paramref name="cell"/>.</summary>
        internal static void Remember(InterfaceDispatchCell* cell, MethodTable* type, MethodTable* interfaceType, nint target)
        {
            Entry* entry = Claim();
            if (entry == null)
                return;
            entry->Interface = interfaceType;
            entry->Target = target;
            Interlocked.Exchange(ref *(long*)&entry->Type, (long)type);
            cell->UseCache(entry, (nint)(delegate*<void>)&MonomorphicStub);
        }

        // Hands out each pool entry at most once, also when an interrupt handler claims one meanwhile.
        private static Entry* Claim()
        {
            int index;
            do
            {
                index = s_used;
                if (index >= Capacity)
                    return null;
            }
            while (Interlocked.CompareExchange(ref s_used, index + 1, index) != index);
            fixed (long* pool = s_pool.Words)
                return (Entry*)pool + index;
        }
    }
}
