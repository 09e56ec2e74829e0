// The interface dispatch cell as ilc 10.0.12 emits it (section __InterfaceDispatchCellSection), verified
// against the binary: 16 bytes, 16-byte aligned.
//   word 0  code to call (RhpInitialDynamicInterfaceDispatch)
//   word 1  the interface: low 2 bits say how it is encoded (3 = 32-bit pointer relative to this word,
//           2 = relative pointer to an indirection cell holding it, 1 = absolute pointer)
// Cells calling the same interface slot are grouped; each group ends with a terminator whose word 0 is zero
// and whose word 1 is that slot number. The runtime rewrites a cell once, to use a cache entry (tag 0 in
// word 1, see InterfaceDispatchCache); terminators are never written.
using System.Runtime.CompilerServices;
using System.Threading;

namespace Internal.Runtime
{
    internal unsafe struct InterfaceDispatchCell
    {
        private const nint TagMask = 3;
        private const nint CacheEntry = 0;
        private const nint AbsolutePointer = 1;
        private const nint IndirectedRelativePointer = 2;
        private const nint RelativePointer = 3;

        private nint _stub;
        private nint _interface;

        /// <summary>The interface whose method this cell calls, or null if the encoding is not one ilc emits.</summary>
        internal MethodTable* InterfaceType
        {
            get
            {
                byte* location = (byte*)Unsafe.AsPointer(ref _interface);
                // Read once: another CPU or an interrupt handler may switch the cell to a cache entry meanwhile.
                nint value = _interface;
                // Relative forms keep the offset (with the tag) in the low 32 bits; the high half is zero.
                int relative = (int)(uint)(nuint)value & ~(int)TagMask;
                switch (value & TagMask)
                {
                    case RelativePointer:
                        return (MethodTable*)(location + relative);
                    case IndirectedRelativePointer:
                        return *(MethodTable**)(location + relative);
                    case AbsolutePointer:
                        return (MethodTable*)(value & ~TagMask);
                    default:
                        return value == 0 ? null : ((InterfaceDispatchCache.Entry*)value)->Interface;
                }
            }
        }

        internal bool UsesCache => (_interface & TagMask) == CacheEntry;

        /// <summary>The interface method slot, read from the terminator that ends this cell's group.</summary>
        internal ushort Slot
        {
            get
            {
                InterfaceDispatchCell* cell = (InterfaceDispatchCell*)Unsafe.AsPointer(ref this);
                while (cell->_stub != 0)
                    cell++;
                return (ushort)cell->_interface;
            }
        }

        /// <summary>
        /// Points the cell at a complete cache entry, then at the stub that reads it: a caller that still
        /// sees the old stub resolves through the entry, and one that sees the new stub finds the entry set.
        /// </summary>
        internal void UseCache(InterfaceDispatchCache.Entry* entry, nint stub)
        {
            Interlocked.Exchange(ref Unsafe.As<nint, long>(ref _interface), (long)entry);
            Interlocked.Exchange(ref Unsafe.As<nint, long>(ref _stub), stub);
        }
    }
}
