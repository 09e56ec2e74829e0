// A capability space for host tests: a host buffer standing for a naturally aligned physical region with
// the DirectMap that reaches it, a root CNode in host memory with a CNode capability naming it (as a
// thread's CSpace root would be), and the root untyped capability over the whole region in root slot 0.
using System;
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    internal sealed unsafe class CapabilityTestSpace : IDisposable
    {
        public const ulong PhysicalBase = 0x0000_0040_0000_0000;

        private readonly byte* _memory;
        private readonly CapabilitySlot* _rootSlots;

        public CapabilityTestSpace(int memoryBits = 20, int rootRadix = 5)
        {
            MemoryBits = memoryBits;
            RootRadix = rootRadix;
            _memory = (byte*)NativeMemory.AlignedAlloc((nuint)(1UL << memoryBits), 4096);
            // Garbage, not zeros: retype must zero what it carves.
            new Span<byte>(_memory, 1 << memoryBits).Fill(0xA5);
            DirectMap = new DirectMap((ulong)_memory - PhysicalBase);
            _rootSlots = (CapabilitySlot*)NativeMemory.AllocZeroed((nuint)(CapabilitySlot.Size << rootRadix) + CapabilitySlot.Size);
            RootCNodeCap = _rootSlots + (1 << rootRadix);
            RootCNodeCap->_type = ObjectType.CNode;
            RootCNodeCap->_rights = CapRights.All;
            RootCNodeCap->_sizeBits = (byte)rootRadix;
            RootCNodeCap->_object = (ulong)_rootSlots;
            Assert.Equal(SyscallError.None, RootCapabilities.CreateUntyped(Untyped, new PhysicalAddress(PhysicalBase), memoryBits));
        }

        public int MemoryBits { get; }
        public int RootRadix { get; }
        public DirectMap DirectMap { get; }

        /// <summary>A CNode capability to the root CNode, outside it (as a thread's CSpace root is).</summary>
        public CapabilitySlot* RootCNodeCap { get; }

        public CapabilitySlot* Untyped => _rootSlots;

        public CapabilitySlot* Root(int index) => _rootSlots + index;

        public bool InRegion(ulong kernelAddress) => kernelAddress >= (ulong)_memory && kernelAddress < (ulong)_memory + (1UL << MemoryBits);

        public ulong KernelAddressOf(ulong physical) => (ulong)DirectMap.ToPointer(new PhysicalAddress(physical));

        /// <summary>Retypes from the root untyped (or <paramref name="from"/>) into root slots and asserts it worked.</summary>
        public CapabilitySlot* Make(ObjectType type, int sizeBits, int rootIndex, CapabilitySlot* from = null)
        {
            CapabilitySlot* destination = Root(rootIndex);
            Assert.Equal(SyscallError.None, UntypedMemory.Retype(from == null ? Untyped : from, type, sizeBits, destination, 1, DirectMap));
            return destination;
        }

        public void Dispose()
        {
            NativeMemory.AlignedFree(_memory);
            NativeMemory.Free(_rootSlots);
        }
    }
}
