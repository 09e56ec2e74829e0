// Physical memory for paging host tests: a page-aligned host buffer that stands for frames at a fake
// physical base, handed out by a frame allocator that counts and checks every free. Never shared between tests.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    internal sealed unsafe class HostPhysicalMemory : IFrameAllocator, IDisposable
    {
        public const ulong FakePhysicalBase = 0x0000_0040_0000_0000;

        private readonly byte* _buffer;
        private readonly ulong _bytes;
        private readonly Stack<ulong> _free = new();
        private readonly HashSet<ulong> _allocated = new();

        public HostPhysicalMemory(int frames)
        {
            _bytes = (ulong)frames * PageSize.Small;
            _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)_bytes, (nuint)PageSize.Small);
            for (int i = frames - 1; i >= 0; i--)
                _free.Push(FakePhysicalBase + (ulong)i * PageSize.Small);
            DirectMap = new DirectMap((ulong)_buffer - FakePhysicalBase);
        }

        public DirectMap DirectMap { get; }

        public int AllocatedFrames => _allocated.Count;

        /// <summary>How many more allocations succeed; tests lower it to provoke OutOfFrames.</summary>
        public int AllocationsLeft { get; set; } = int.MaxValue;

        public bool TryAllocate(out PhysicalAddress frame)
        {
            frame = default;
            if (_free.Count == 0 || AllocationsLeft <= 0)
                return false;
            AllocationsLeft--;
            ulong address = _free.Pop();
            _allocated.Add(address);
            frame = new PhysicalAddress(address);
            new Span<byte>(DirectMap.ToPointer(frame), (int)PageSize.Small).Fill(0xCC);
            return true;
        }

        public bool TryAllocateZeroed(out PhysicalAddress frame)
        {
            if (!TryAllocate(out frame))
                return false;
            new Span<byte>(DirectMap.ToPointer(frame), (int)PageSize.Small).Clear();
            return true;
        }

        public void Free(PhysicalAddress frame)
        {
            if (!_allocated.Remove(frame.Value))
                throw new InvalidOperationException($"freed a frame that is not allocated: 0x{frame.Value:x}");
            _free.Push(frame.Value);
        }

        public void Dispose() => NativeMemory.AlignedFree(_buffer);
    }
}
