// An ITlb for host tests: remembers every invalidation so tests can check that unmap and protect drop
// stale translations. It flushes nothing (there is no TLB on the host side).
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    internal sealed class RecordingTlb : ITlb
    {
        public List<ulong> Invalidated { get; } = new();

        public int FullFlushes { get; private set; }

        public int Calls { get; private set; }

        public void Invalidate(ReadOnlySpan<ulong> addresses)
        {
            Calls++;
            foreach (ulong address in addresses)
                Invalidated.Add(address);
        }

        public void InvalidateAll() => FullFlushes++;
    }
}
