// Host tests of the address space's and the stack allocator's locks: once given a lock, each public
// operation takes it exactly once (also when a failed map undoes its partial work, which must not take it
// again), and the stack allocator takes its own lock outside the address space's (stacks -> space).
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed class AddressSpaceLockTests : IDisposable
    {
        private const ulong Base = 0x0000_0000_4000_0000;
        private const ulong WindowBase = 0xFFFF_E000_0000_0000;
        private const PageFlags ReadWrite = PageFlags.Writable | PageFlags.NoExecute;

        private readonly HostPhysicalMemory _memory = new HostPhysicalMemory(256);
        private readonly AddressSpace _space;
        private readonly List<string> _journal = new List<string>();
        private readonly RecordingLock _spaceLock;

        public AddressSpaceLockTests()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, new RecordingTlb(), noExecuteSupported: true, out _space));
            _spaceLock = new RecordingLock("space", _journal);
            Assert.True(_space.UseLock(_spaceLock));
        }

        public void Dispose() => _memory.Dispose();

        [Fact]
        public void EveryOperationTakesTheLockOnce()
        {
            var virt = new VirtualAddress(Base);
            Assert.Equal(PagingResult.Success, _space.Map(virt, new PhysicalAddress(0x1000), 2 * PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Protect(virt, PageSize.Small, PageFlags.NoExecute));
            Assert.Equal(PagingResult.Success, _space.Translate(virt, out _));
            Assert.Equal(PagingResult.Success, _space.Unmap(virt, 2 * PageSize.Small));
            Assert.Equal(PagingResult.NotMapped, _space.Translate(virt, out _));
            Assert.Equal(5, _spaceLock.Acquires);
            Assert.Equal(5, _spaceLock.Releases);
            Assert.False(_spaceLock.Held);
        }

        [Fact]
        public void AFailedMapUndoesItsWorkWithoutTakingTheLockAgain()
        {
            // Enough frames for the tables of the first 2 MiB, not for the second's page table.
            _memory.AllocationsLeft = 3;
            PagingResult result = _space.Map(new VirtualAddress(Base + 2 * 1024 * 1024 - PageSize.Small), new PhysicalAddress(0x1000), 2 * PageSize.Small, ReadWrite);
            _memory.AllocationsLeft = int.MaxValue;
            Assert.Equal(PagingResult.OutOfFrames, result);
            Assert.Equal(1, _spaceLock.Acquires);
            Assert.Equal(1, _spaceLock.Releases);
        }

        [Fact]
        public void ASecondLockIsRefused()
        {
            Assert.False(_space.UseLock(new RecordingLock("other")));
            Assert.False(_space.UseLock(null));
        }

        [Fact]
        public void StackAllocatorTakesItsLockOutsideTheSpaceLock()
        {
            var allocator = new KernelStackAllocator(_space, _memory, new VirtualAddress(WindowBase), 1UL << 30, noExecuteSupported: true);
            var stacksLock = new RecordingLock("stacks", _journal);
            Assert.True(allocator.UseLock(stacksLock));
            Assert.False(allocator.UseLock(new RecordingLock("other")));
            _journal.Clear();
            Assert.Equal(PagingResult.Success, allocator.TryAllocate(2, out KernelStack stack));
            Assert.True(allocator.Free(in stack));
            Assert.False(allocator.Free(in stack));
            Assert.Equal(3, stacksLock.Acquires);
            Assert.Equal(3, stacksLock.Releases);
            Assert.Equal("+stacks", _journal[0]);
            Assert.Equal("-stacks", _journal[^1]);
            int depth = 0;
            foreach (string step in _journal)
            {
                if (step == "+space")
                    Assert.Equal(1, depth);
                depth += step[0] == '+' ? 1 : -1;
                Assert.InRange(depth, 0, 2);
            }
        }
    }
}
