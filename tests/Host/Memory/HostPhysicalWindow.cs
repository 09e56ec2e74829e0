// A host buffer standing in for one window of physical memory, with the DirectMap that reaches it
// (offset = host address - physical base). Tests size it to cover only the frames they touch (the bitmaps
// and any frame they zero), so an 8 GiB map costs well under a megabyte of host memory.
using System;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Tests.Host.Memory
{
    internal sealed unsafe class HostPhysicalWindow : IDisposable
    {
        public HostPhysicalWindow(ulong physicalBase, ulong size)
        {
            PhysicalBase = physicalBase;
            Size = size;
            Bytes = (byte*)NativeMemory.Alloc((nuint)size);
            // Garbage, not zeros: the allocator must initialise its bitmaps and zero frames itself.
            new Span<byte>(Bytes, checked((int)size)).Fill(0xA5);
        }

        public ulong PhysicalBase { get; }
        public ulong Size { get; }
        public byte* Bytes { get; private set; }

        public DirectMap Map => new DirectMap((ulong)Bytes - PhysicalBase);

        public bool Contains(PhysicalAddress start, ulong length) =>
            start.Value >= PhysicalBase && length <= Size && start.Value - PhysicalBase <= Size - length;

        public void Dispose()
        {
            NativeMemory.Free(Bytes);
            Bytes = null;
        }
    }
}
