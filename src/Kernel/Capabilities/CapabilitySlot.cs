// One capability slot (seL4's CTE): what a capability names, its rights, its type-specific words and its
// place in the derivation tree. Slots live inside CNode memory (and inside objects that hold capabilities);
// an all-zero slot is empty. Only the capability core (this folder) writes the content and the tree links:
// the kernel reads them through the accessors and may set only the frame-mapping words and Aux. Never
// holds a pointer the core did not put there; never allocates.
//
// Layout (64 bytes, so a CNode of radix r is exactly 64 * 2^r bytes):
//   0 Type, 1 Rights, 2 SizeBits, 3 Flags, 4 Aux, 8 Object, 16 Word0, 24 Word1,
//   32 Parent, 40 FirstChild, 48 NextSibling, 56 PrevSibling.
// Object is the physical base for Untyped and Frame, the kernel (direct-map) address of the object's memory
// for every other memory object, and 0 for control capabilities.
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Capabilities
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct CapabilitySlot
    {
        public const int Size = 64;
        public const int SizeShift = 6;

        // Flags, set only while a delete or revoke runs (never seen between operations): the slot is on the
        // deletion worklist (Word0/Word1 are then its links), and, with Zombie, it no longer holds a
        // capability but records a dying object whose slots are still being emptied.
        internal const byte PendingFlag = 1;
        internal const byte ZombieFlag = 2;

        internal ObjectType _type;
        internal CapRights _rights;
        internal byte _sizeBits;
        internal byte _flags;
        internal uint _aux;
        internal ulong _object;
        internal ulong _word0;
        internal ulong _word1;
        internal CapabilitySlot* _parent;
        internal CapabilitySlot* _firstChild;
        internal CapabilitySlot* _nextSibling;
        internal CapabilitySlot* _prevSibling;

        public bool IsEmpty => _type == ObjectType.Null;
        public ObjectType Type => _type;
        public CapRights Rights => _rights;

        /// <summary>log2 of the object's size: Untyped and Frame bytes, a CNode's radix (log2 of its slot count).</summary>
        public int SizeBits => _sizeBits;

        /// <summary>What the capability names, as a number: equal for every capability to one object.</summary>
        public ulong ObjectAddress => _object;

        /// <summary>Untyped and Frame: the physical base of the memory.</summary>
        public PhysicalAddress PhysicalBase => new PhysicalAddress(_object);

        /// <summary>Every other memory object: its memory, through the direct map.</summary>
        public void* ObjectPointer => (void*)_object;

        /// <summary>A type-specific small field the core never reads (e.g. a frame's cache attribute).</summary>
        public uint Aux { get => _aux; set => _aux = value; }

        /// <summary>Untyped: bytes from the base already carved (meaningful only while it has children).</summary>
        public ulong UntypedWatermark => _word0;

        /// <summary>Endpoint, Notification: the badge; 0 is unbadged.</summary>
        public ulong Badge => _word1;

        /// <summary>Frame: the user virtual address this capability is mapped at (0: not mapped). Set by the kernel.</summary>
        public ulong FrameMappedAt { get => _word0; set => _word0 = value; }

        /// <summary>Frame: the address space it is mapped in (0: not mapped). Set by the kernel.</summary>
        public ulong FrameMappedSpace { get => _word1; set => _word1 = value; }

        public int CNodeRadix => _sizeBits;
        public ulong CNodeGuard => _word0;
        public int CNodeGuardBits => (int)_word1;
        public CapabilitySlot* CNodeSlots => (CapabilitySlot*)_object;

        public CapabilitySlot* Parent => _parent;
        public CapabilitySlot* FirstChild => _firstChild;
        public CapabilitySlot* NextSibling => _nextSibling;
        public CapabilitySlot* PrevSibling => _prevSibling;
    }
}
