// A heap page source over host memory for tests: a ledger (shared by every copy of the struct) that hands
// out pages of one native buffer first-fit, fills each new page with garbage (so tests see the heap zero
// what it returns), checks that every FreePages gives back exactly a run it handed out, and can be capped
// to a page limit to test exhaustion.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    internal sealed unsafe class HostPageLedger : IDisposable
    {
        public const byte Garbage = 0xA5;

        private readonly byte* _buffer;
        private readonly bool[] _used;
        private readonly Dictionary<ulong, int> _runs = new Dictionary<ulong, int>();

        public HostPageLedger(int pageCount)
        {
            _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)pageCount * 4096, 4096);
            _used = new bool[pageCount];
            Limit = pageCount;
        }

        /// <summary>Pages that may be out at once; lower it to make the source run dry.</summary>
        public int Limit { get; set; }
        public int PagesOut { get; private set; }
        public int Allocations { get; private set; }
        public int Frees { get; private set; }
        public List<string> Errors { get; } = new List<string>();

        public ulong Start => (ulong)_buffer;
        public ulong End => (ulong)_buffer + (ulong)_used.Length * 4096;

        public bool TryAllocate(int count, out VirtualAddress start)
        {
            start = default;
            if (count <= 0 || PagesOut + count > Limit)
                return false;
            int run = 0;
            for (int page = 0; page < _used.Length; page++)
            {
                run = _used[page] ? 0 : run + 1;
                if (run == count)
                {
                    int first = page - count + 1;
                    for (int i = first; i <= page; i++)
                        _used[i] = true;
                    new Span<byte>(_buffer + (long)first * 4096, count * 4096).Fill(Garbage);
                    start = new VirtualAddress((ulong)_buffer + (ulong)first * 4096);
                    _runs.Add(start.Value, count);
                    PagesOut += count;
                    Allocations++;
                    return true;
                }
            }
            return false;
        }

        public void Free(VirtualAddress start, int count)
        {
            if (!_runs.TryGetValue(start.Value, out int handedOut) || handedOut != count)
            {
                Errors.Add($"FreePages({start}, {count}) does not match a run handed out");
                return;
            }
            _runs.Remove(start.Value);
            int first = (int)((start.Value - (ulong)_buffer) / 4096);
            for (int i = first; i < first + count; i++)
                _used[i] = false;
            PagesOut -= count;
            Frees++;
        }

        public void Dispose() => NativeMemory.AlignedFree(_buffer);
    }

    internal struct HostPageSource : IHeapPageSource
    {
        private readonly HostPageLedger _ledger;

        public HostPageSource(HostPageLedger ledger) => _ledger = ledger;

        public bool TryAllocatePages(int count, out VirtualAddress start) => _ledger.TryAllocate(count, out start);

        public void FreePages(VirtualAddress start, int count) => _ledger.Free(start, count);

        public bool Contains(VirtualAddress address) => address.Value >= _ledger.Start && address.Value < _ledger.End;
    }
}
