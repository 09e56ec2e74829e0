// Physical memory for host tests: a few byte arrays at chosen physical addresses; everything else is
// unreadable, exactly like memory the kernel's reader refuses.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Tests.Host.Boot
{
    internal sealed class FakePhysicalMemory : PhysicalMemoryReader
    {
        private readonly List<(ulong Start, byte[] Bytes)> _regions = new();

        public byte[] AddRegion(ulong start, int length)
        {
            var bytes = new byte[length];
            _regions.Add((start, bytes));
            return bytes;
        }

        public override ReadOnlySpan<byte> Read(PhysicalAddress address, int maxLength)
        {
            foreach ((ulong start, byte[] bytes) in _regions)
            {
                if (address.Value >= start && address.Value - start < (ulong)bytes.Length)
                {
                    int offset = (int)(address.Value - start);
                    int length = Math.Min(bytes.Length - offset, Math.Max(maxLength, 0));
                    return new ReadOnlySpan<byte>(bytes, offset, length);
                }
            }
            return default;
        }

        public void Write(ulong address, ReadOnlySpan<byte> data)
        {
            foreach ((ulong start, byte[] bytes) in _regions)
            {
                if (address >= start && address - start + (ulong)data.Length <= (ulong)bytes.Length)
                {
                    data.CopyTo(bytes.AsSpan((int)(address - start)));
                    return;
                }
            }
            throw new ArgumentOutOfRangeException(nameof(address), "test image write outside every region");
        }

        public void WriteU16(ulong address, ushort value) => Write(address, BitConverter.GetBytes(value));

        public void WriteU32(ulong address, uint value) => Write(address, BitConverter.GetBytes(value));

        public void WriteU64(ulong address, ulong value) => Write(address, BitConverter.GetBytes(value));
    }
}
