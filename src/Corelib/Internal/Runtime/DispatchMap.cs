// A type's interface dispatch map, as ilc 10.0.12 emits it (verified): which of its vtable or sealed slots
// implements which interface method. Four counts (standard, default-method, static standard, static
// default entries), then the instance entries; static entries are never read (ilc resolves static
// interface members at compile time or through generic dictionaries).
using System.Runtime.CompilerServices;

namespace Internal.Runtime
{
    internal unsafe struct DispatchMap
    {
        internal ushort StandardEntryCount;
        internal ushort DefaultEntryCount;
        internal ushort StandardStaticEntryCount;
        internal ushort DefaultStaticEntryCount;

        internal DispatchMapEntry* Entries => (DispatchMapEntry*)((byte*)Unsafe.AsPointer(ref this) + 4 * sizeof(ushort));
    }

    internal struct DispatchMapEntry
    {
        internal ushort InterfaceIndex;
        internal ushort InterfaceMethodSlot;
        internal ushort ImplementationSlot;
    }
}
