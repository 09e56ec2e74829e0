// Host tests of KernelStackAllocator on page tables in host memory: each stack is mapped read/write and
// non-executable with an unmapped guard page right below it, stacks never overlap, and a failed
// allocation (window used up, frames exhausted) leaves no frame or mapping behind; a freed stack returns
// its frames, is refused a second time, and its range is reused by the next stack of its size.
using System;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Tests.Host.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory
{
    public sealed class KernelStackAllocatorTests : IDisposable
    {
        private const ulong WindowBase = 0xFFFF_E000_0000_0000;

        private readonly HostPhysicalMemory _memory = new HostPhysicalMemory(256);
        private readonly AddressSpace _space;

        public KernelStackAllocatorTests()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, new RecordingTlb(), noExecuteSupported: true, out _space));
        }

        public void Dispose() => _memory.Dispose();

        private KernelStackAllocator Allocator(ulong windowSize = 1UL << 30) =>
            new KernelStackAllocator(_space, _memory, new VirtualAddress(WindowBase), windowSize, noExecuteSupported: true);

        [Fact]
        public void StacksAreMappedWithAGuardPageBelow()
        {
            KernelStackAllocator allocator = Allocator();
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(4, out KernelStack first));
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(2, out KernelStack second));
            foreach (KernelStack stack in new[] { first, second })
            {
                Assert.Equal(PagingResult.NotMapped, _space.Translate(stack.Guard, out _));
                for (ulong page = stack.Bottom.Value; page < stack.Top.Value; page += PageSize.Small)
                {
                    Assert.Equal(PagingResult.Success, _space.Translate(new VirtualAddress(page), out PageMapping mapping));
                    Assert.True(mapping.IsWritable);
                    Assert.False(mapping.IsExecutable);
                    Assert.Equal(PageSize.Small, mapping.PageSize);
                }
            }
            Assert.Equal(WindowBase + PageSize.Small, first.Bottom.Value);
            Assert.Equal(4 * PageSize.Small, first.Top.Value - first.Bottom.Value);
            Assert.Equal(first.Top.Value, second.Guard.Value);
            Assert.True(second.GuardContains(second.Bottom.Value - 1));
            Assert.False(second.GuardContains(second.Bottom.Value));
            Assert.True(first.Contains(first.Top.Value - 1));
            Assert.False(first.Contains(first.Top.Value));
        }

        [Fact]
        public void EachPageHasItsOwnZeroedFrame()
        {
            Assert.Equal(PagingResult.Success, Allocator().TryAllocate(3, out KernelStack stack));
            _space.Translate(stack.Bottom, out PageMapping a);
            _space.Translate(new VirtualAddress(stack.Bottom.Value + PageSize.Small), out PageMapping b);
            Assert.NotEqual(a.Physical.Value, b.Physical.Value);
            unsafe
            {
                Assert.Equal(0UL, *(ulong*)_memory.DirectMap.ToPointer(a.Physical));
            }
        }

        [Fact]
        public void AUsedUpWindowIsRefused()
        {
            KernelStackAllocator allocator = Allocator(windowSize: 4 * PageSize.Small);
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(3, out _));
            int frames = _memory.AllocatedFrames;
            Assert.Equal(PagingResult.RangeWraps, allocator.TryAllocate(1, out KernelStack refused));
            Assert.True(refused.IsEmpty);
            Assert.Equal(frames, _memory.AllocatedFrames);
        }

        [Fact]
        public void RunningOutOfFramesPartWayLeavesNothingBehind()
        {
            KernelStackAllocator allocator = Allocator();
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(1, out KernelStack first));
            int frames = _memory.AllocatedFrames;
            _memory.AllocationsLeft = 2;
            Assert.Equal(PagingResult.OutOfFrames, allocator.TryAllocate(4, out KernelStack refused));
            Assert.True(refused.IsEmpty);
            Assert.Equal(frames, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(new VirtualAddress(first.Top.Value + PageSize.Small), out _));
            _memory.AllocationsLeft = int.MaxValue;
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(4, out KernelStack retried));
            Assert.Equal(first.Top.Value, retried.Guard.Value);
        }

        [Fact]
        public void ZeroPagesIsRefused()
        {
            Assert.Equal(PagingResult.Unaligned, Allocator().TryAllocate(0, out KernelStack stack));
            Assert.True(stack.IsEmpty);
        }
    
        [Fact]
        public void FreeReturnsFramesAndTheRangeIsReused()
        {
            KernelStackAllocator allocator = Allocator();
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(4, out KernelStack first));
            int framesWithOne = _memory.AllocatedFrames;
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(4, out KernelStack second));
            Assert.Equal(2, allocator.LiveStacks);
            Assert.True(allocator.Free(second));
            Assert.Equal(framesWithOne, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(second.Bottom, out _));
            Assert.False(allocator.Free(second));
            Assert.Equal(1, allocator.LiveStacks);
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(4, out KernelStack again));
            Assert.Equal(second.Bottom.Value, again.Bottom.Value);
            Assert.Equal(framesWithOne, _memory.AllocatedFrames - 4);
            Assert.True(allocator.Free(first));
            Assert.True(allocator.Free(again));
            Assert.Equal(0, allocator.LiveStacks);
        }
    }
}
