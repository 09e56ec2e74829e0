// Host tests of the heap's page mapper over real page-table code (held in host memory): pages map
// writable and never executable, a run in one call, unmapping hands back the frame and invalidates the TLB entry, and a
// page that is not mapped, or mapped by a 2 MiB page, is refused; a run unmaps in one TLB invalidation
// and hands back every frame, or changes nothing when part of it is not mapped.
using System;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Tests.Host.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public sealed unsafe class AddressSpaceHeapMapperTests : IDisposable
    {
        private readonly HostPhysicalMemory _memory = new HostPhysicalMemory(512);
        private readonly RecordingTlb _tlb = new RecordingTlb();
        private readonly AddressSpace _space;

        public AddressSpaceHeapMapperTests()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, _tlb, noExecuteSupported: true, out _space));
        }

        public void Dispose() => _memory.Dispose();

        private static bool MapOne(AddressSpaceHeapMapper mapper, VirtualAddress page, PhysicalAddress frame) =>
            mapper.TryMapRun(page, &frame, 1);

        [Fact]
        public void MapsWritableNeverExecutableAndUnmapsBackToTheFrame()
        {
            var mapper = new AddressSpaceHeapMapper(_space, noExecuteSupported: true);
            var page = new VirtualAddress(KernelMemoryLayout.HeapBase + 3 * PageSize.Small);
            Assert.True(_memory.TryAllocate(out PhysicalAddress frame));
            Assert.True(MapOne(mapper, page, frame));
            Assert.Equal(PagingResult.Success, _space.Translate(page, out PageMapping mapping));
            Assert.Equal(frame.Value, mapping.Physical.Value);
            Assert.True(mapping.IsWritable);
            Assert.False(mapping.IsExecutable);
            Assert.False(MapOne(mapper, page, frame));
            Assert.True(mapper.TryUnmap(page, out PhysicalAddress returned));
            Assert.Equal(frame.Value, returned.Value);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(page, out _));
            Assert.False(mapper.TryUnmap(page, out _));
        }

        [Fact]
        public void WithoutNoExecuteSupportPagesAreStillWritable()
        {
            var mapper = new AddressSpaceHeapMapper(_space, noExecuteSupported: false);
            var page = new VirtualAddress(KernelMemoryLayout.HeapBase);
            Assert.True(_memory.TryAllocate(out PhysicalAddress frame));
            Assert.True(MapOne(mapper, page, frame));
            Assert.Equal(PagingResult.Success, _space.Translate(page, out PageMapping mapping));
            Assert.True(mapping.IsWritable);
        }

        [Fact]
        public void RefusesToUnmapPartOfALargePage()
        {
            var mapper = new AddressSpaceHeapMapper(_space, noExecuteSupported: true);
            var start = new VirtualAddress(KernelMemoryLayout.HeapBase + PageSize.Large);
            Assert.Equal(PagingResult.Success, _space.Map(start, new PhysicalAddress(0x4000_0000), PageSize.Large, PageFlags.Writable));
            Assert.False(mapper.TryUnmap(start, out _));
            Assert.Equal(PagingResult.Success, _space.Translate(start, out _));
        }

        [Fact]
        public void ARunIsUnmappedInOneInvalidationAndHandsBackItsFrames()
        {
            var mapper = new AddressSpaceHeapMapper(_space, noExecuteSupported: true);
            var start = new VirtualAddress(KernelMemoryLayout.HeapBase + 8 * PageSize.Small);
            var frames = new ulong[4];
            PhysicalAddress* run = stackalloc PhysicalAddress[4];
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.True(_memory.TryAllocate(out run[i]));
                frames[i] = run[i].Value;
            }
            Assert.True(mapper.TryMapRun(start, run, 4));
            Assert.False(mapper.TryMapRun(start, run, 4), "already mapped");
            // A neighbour keeps the page table alive, so only the run's own invalidation happens.
            Assert.True(_memory.TryAllocate(out PhysicalAddress neighbour));
            Assert.True(MapOne(mapper, new VirtualAddress(KernelMemoryLayout.HeapBase), neighbour));
            int callsBefore = _tlb.Calls;
            PhysicalAddress* returned = stackalloc PhysicalAddress[4];
            Assert.True(mapper.TryUnmapRun(start, 4, returned));
            Assert.Equal(callsBefore + 1, _tlb.Calls);
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.Equal(frames[i], returned[i].Value);
                Assert.Equal(PagingResult.NotMapped, _space.Translate(new VirtualAddress(start.Value + (ulong)i * PageSize.Small), out _));
            }
        }

        [Fact]
        public void ARunWithAHoleIsRefusedAndLeftMapped()
        {
            var mapper = new AddressSpaceHeapMapper(_space, noExecuteSupported: true);
            var start = new VirtualAddress(KernelMemoryLayout.HeapBase);
            Assert.True(_memory.TryAllocate(out PhysicalAddress first));
            Assert.True(_memory.TryAllocate(out PhysicalAddress third));
            Assert.True(MapOne(mapper, start, first));
            Assert.True(MapOne(mapper, new VirtualAddress(start.Value + 2 * PageSize.Small), third));
            PhysicalAddress* returned = stackalloc PhysicalAddress[3];
            Assert.False(mapper.TryUnmapRun(start, 3, returned));
            Assert.Equal(PagingResult.Success, _space.Translate(start, out _));
            Assert.Equal(PagingResult.Success, _space.Translate(new VirtualAddress(start.Value + 2 * PageSize.Small), out _));
        }
    }
}
