// The user runtime's allocator: 16-byte aligned, non-overlapping pieces inside the block, null (never a
// wrap-around) when a request does not fit, and distinct pieces under concurrent allocation.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using MinimalOS.User.Runtime;
using Xunit;

namespace MinimalOS.Tests.Host.User
{
    public unsafe class BumpArenaTests
    {
        private const int BlockSize = 4096;

        private static byte* NewBlock() => (byte*)NativeMemory.AlignedAlloc(BlockSize + BumpArena.Alignment, BumpArena.Alignment);

        [Fact]
        public void PiecesAreAlignedConsecutiveAndInsideTheBlock()
        {
            byte* block = NewBlock();
            var arena = new BumpArena(block, BlockSize);
            byte* first = (byte*)arena.Allocate(24);
            byte* second = (byte*)arena.Allocate(1);
            byte* third = (byte*)arena.Allocate(16);
            Assert.True(first == block);
            Assert.True(second == block + 32);
            Assert.True(third == block + 48);
            Assert.Equal(64, arena.BytesUsed);
            NativeMemory.AlignedFree(block);
        }

        [Fact]
        public void UnalignedStartIsRoundedUpAndTheSizeShrinks()
        {
            byte* block = NewBlock();
            var arena = new BumpArena(block + 3, BlockSize);
            Assert.True((byte*)arena.Allocate(8) == block + 16);
            Assert.True(arena.Allocate(BlockSize - 16) == null, "the 13 bytes skipped for alignment must not count as room");
            Assert.True(arena.Allocate(BlockSize - 32) != null);
            NativeMemory.AlignedFree(block);
        }

        [Fact]
        public void FullArenaReturnsNullButStillServesWhatFits()
        {
            byte* block = NewBlock();
            var arena = new BumpArena(block, BlockSize);
            Assert.True(arena.Allocate(BlockSize - 16) != null);
            Assert.True(arena.Allocate(17) == null);
            Assert.True((byte*)arena.Allocate(16) == block + BlockSize - 16);
            Assert.True(arena.Allocate(1) == null);
            Assert.Equal(BlockSize, arena.BytesUsed);
            NativeMemory.AlignedFree(block);
        }

        [Fact]
        public void HugeRequestsFailWithoutWrapping()
        {
            byte* block = NewBlock();
            var arena = new BumpArena(block, BlockSize);
            Assert.True(arena.Allocate(nuint.MaxValue) == null);
            Assert.True(arena.Allocate(nuint.MaxValue - 8) == null);
            Assert.True(arena.Allocate(BlockSize + 1) == null);
            Assert.Equal(0, arena.BytesUsed);
            NativeMemory.AlignedFree(block);
        }

        [Fact]
        public void ConcurrentAllocationsNeverShareMemory()
        {
            const int pieces = 256;
            byte* block = (byte*)NativeMemory.AlignedAlloc(pieces * 16, BumpArena.Alignment);
            BumpArena* arena = (BumpArena*)NativeMemory.Alloc((nuint)sizeof(BumpArena));
            *arena = new BumpArena(block, pieces * 16);
            var results = new ulong[pieces + 8];
            Parallel.For(0, results.Length, i => results[i] = (ulong)arena->Allocate(16));
            List<ulong> granted = results.Where(address => address != 0).ToList();
            Assert.Equal(pieces, granted.Count);
            Assert.Equal(pieces, granted.Distinct().Count());
            Assert.All(granted, address => Assert.InRange(address, (ulong)block, (ulong)block + pieces * 16 - 16));
            NativeMemory.Free(arena);
            NativeMemory.AlignedFree(block);
        }
    }
}
