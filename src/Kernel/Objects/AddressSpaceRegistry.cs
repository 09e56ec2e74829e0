// Names live address spaces by a handle that outlives them safely: a 12-bit address-space id (also the
// space's PCID) plus a 48-bit generation. A frame or page-table capability records the handle of the space
// it is mapped in; when that space is destroyed its entry's generation moves on, so the stale handle no
// longer resolves and unmapping through it is a harmless no-op - the space's memory may already hold
// another object. (seL4 uses ASID pools for the same reason.) Id 0 is never used, so handle 0 means
// "not mapped". Callers serialise (the kernel-object lock); not thread-safe by itself.
namespace MinimalOS.Kernel.Objects
{
    public unsafe struct AddressSpaceRegistry
    {
        public const int Capacity = 4096;
        private const int IdBits = 16;
        private const ulong IdMask = (1UL << IdBits) - 1;

        private fixed ulong _objects[Capacity];
        private fixed ulong _generations[Capacity];
        private int _inUse;

        public int InUse => _inUse;
        public int Free => Capacity - 1 - _inUse;

        /// <summary>Registers the space at <paramref name="space"/> (non-zero); false when every id is taken.</summary>
        public bool TryRegister(ulong space, out ulong handle, out ushort id)
        {
            handle = 0;
            id = 0;
            if (space == 0)
                return false;
            for (int i = 1; i < Capacity; i++)
            {
                if (_objects[i] != 0)
                    continue;
                _objects[i] = space;
                _inUse++;
                id = (ushort)i;
                handle = (_generations[i] << IdBits) | (uint)i;
                return true;
            }
            return false;
        }

        /// <summary>The space a handle names, or 0 when the handle is 0, malformed or stale.</summary>
        public ulong Resolve(ulong handle)
        {
            ulong id = handle & IdMask;
            if (id == 0 || id >= Capacity || _objects[id] == 0 || _generations[id] != handle >> IdBits)
                return 0;
            return _objects[id];
        }

        /// <summary>Ends the space behind <paramref name="handle"/>: every copy of the handle stops resolving.</summary>
        public bool Unregister(ulong handle)
        {
            if (Resolve(handle) == 0)
                return false;
            ulong id = handle & IdMask;
            _objects[id] = 0;
            _generations[id] = (_generations[id] + 1) & ((1UL << (64 - IdBits)) - 1);
            _inUse--;
            return true;
        }
    }
}
