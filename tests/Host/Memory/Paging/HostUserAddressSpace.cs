// A user address space for UserPageTables host tests: simulated physical memory, a kernel root whose
// kernel half points at real (empty) PDPTs, a user PML4 made from a garbage-filled frame and initialised
// over it, and helpers to make tables, read raw entries and check that the kernel half was left alone.
using System;
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    internal sealed unsafe class HostUserAddressSpace : IDisposable
    {
        public const int KernelHalfFirstEntry = 256;

        private readonly ulong[] _kernelRootSnapshot = new ulong[512];

        public HostUserAddressSpace(bool noExecuteSupported = true, int frames = 1024)
        {
            Memory = new HostPhysicalMemory(frames);
            Assert.True(Memory.TryAllocateZeroed(out PhysicalAddress kernelRoot));
            KernelRoot = kernelRoot;
            ulong* kernel = TableAt(kernelRoot);
            for (int i = KernelHalfFirstEntry; i < 512; i++)
            {
                Assert.True(Memory.TryAllocateZeroed(out PhysicalAddress pdpt));
                kernel[i] = pdpt.Value | (ulong)(PageFlags.Present | PageFlags.Writable);
            }
            for (int i = 0; i < 512; i++)
                _kernelRootSnapshot[i] = kernel[i];
            // Not zeroed on purpose: InitializeRoot must clear the user half itself.
            Assert.True(Memory.TryAllocate(out PhysicalAddress root));
            Root = root;
            Tables = new UserPageTables(Memory.DirectMap, PatLayout.Kernel, noExecuteSupported);
            Assert.Equal(SyscallError.None, Tables.InitializeRoot(Root, KernelRoot));
        }

        public HostPhysicalMemory Memory { get; }

        public PhysicalAddress KernelRoot { get; }

        public PhysicalAddress Root { get; }

        public UserPageTables Tables { get; }

        public ulong* TableAt(PhysicalAddress table) => (ulong*)Memory.DirectMap.ToPointer(table);

        /// <summary>A zeroed frame, as retype hands a PageTable object out.</summary>
        public PhysicalAddress NewTable()
        {
            Assert.True(Memory.TryAllocateZeroed(out PhysicalAddress table));
            return table;
        }

        /// <summary>Installs the tables still missing on the way to <paramref name="virt"/> for a leaf of that size.</summary>
        public void BuildPath(ulong virt, ulong pageSize)
        {
            int leafLevel = pageSize == PageSize.Large ? 2 : 1;
            ulong* table = TableAt(Root);
            for (int level = 4; level > leafLevel; level--)
            {
                ulong* entry = table + ((virt >> (12 + 9 * (level - 1))) & 511);
                if ((*entry & (ulong)PageFlags.Present) == 0)
                {
                    Assert.Equal(SyscallError.None, Tables.MapTable(Root, new VirtualAddress(virt), NewTable(), out PageTableLevel installed));
                    Assert.Equal((PageTableLevel)(level - 1), installed);
                }
                table = TableAt(new PhysicalAddress(*entry & PageTableEntry.FrameMask));
            }
        }

        /// <summary>The raw entry of the table at <paramref name="level"/> (4 = PML4) on the way to <paramref name="virt"/>;
        /// the walk must reach that level.</summary>
        public ulong EntryAt(ulong virt, int level)
        {
            ulong* table = TableAt(Root);
            for (int walked = 4; walked > level; walked--)
            {
                ulong raw = table[(virt >> (12 + 9 * (walked - 1))) & 511];
                Assert.True((raw & (ulong)PageFlags.Present) != 0, $"no table below level {walked}");
                table = TableAt(new PhysicalAddress(raw & PageTableEntry.FrameMask));
            }
            return table[(virt >> (12 + 9 * (level - 1))) & 511];
        }

        /// <summary>The kernel root is unchanged and the user root's kernel half still equals it.</summary>
        public void AssertKernelHalfUntouched()
        {
            ulong* kernel = TableAt(KernelRoot);
            ulong* root = TableAt(Root);
            for (int i = 0; i < 512; i++)
                Assert.Equal(_kernelRootSnapshot[i], kernel[i]);
            for (int i = KernelHalfFirstEntry; i < 512; i++)
                Assert.Equal(kernel[i], root[i]);
            for (int i = KernelHalfFirstEntry; i < 512; i++)
            {
                ulong* pdpt = TableAt(new PhysicalAddress(kernel[i] & PageTableEntry.FrameMask));
                for (int j = 0; j < 512; j++)
                    Assert.Equal(0UL, pdpt[j]);
            }
        }

        public void Dispose() => Memory.Dispose();
    }
}
