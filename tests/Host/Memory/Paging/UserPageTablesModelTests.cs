// Random sequences of UserPageTables operations (table map/unmap, frame map/unmap/protect, with 4 KiB and
// 2 MiB pages, right and wrong frames, good and bad rights) over a few colliding addresses, each answer
// checked against a model that knows which tables and mappings exist; after every step the addresses
// translate as the model says, and at the end the kernel half is as it was.
using System;
using System.Collections.Generic;
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed class UserPageTablesModelTests
    {
        private const int Steps = 20_000;

        private static readonly CapRights[] s_rights =
        {
            CapRights.Read, CapRights.Read | CapRights.Write, CapRights.Read | CapRights.Execute,
            CapRights.Read | CapRights.Write | CapRights.Execute, CapRights.Write,
        };

        private readonly record struct Leaf(ulong Frame, ulong Size, CapRights Rights, CacheType Cache);

        // Tables by (level, first address covered); only reachable ones are kept.
        private readonly Dictionary<(int Level, ulong Base), PhysicalAddress> _tables = new();
        private readonly Dictionary<ulong, Leaf> _leaves = new();

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomOperationsMatchTheModel(int seed)
        {
            using var space = new HostUserAddressSpace(frames: 2048);
            var random = new Random(seed);
            ulong[] addresses = Addresses();
            var counts = new int[Enum.GetValues<SyscallError>().Length];
            for (int step = 0; step < Steps; step++)
            {
                ulong virt = addresses[random.Next(addresses.Length)];
                SyscallError expected, actual;
                switch (random.Next(5))
                {
                    case 0:
                        (expected, actual) = MapTable(space, virt);
                        break;
                    case 1:
                        (expected, actual) = UnmapTable(space, random, virt);
                        break;
                    case 2:
                        (expected, actual) = MapFrame(space, random, virt);
                        break;
                    case 3:
                        (expected, actual) = UnmapFrame(space, random, virt);
                        break;
                    default:
                        (expected, actual) = ProtectFrame(space, random, virt);
                        break;
                }
                Assert.True(expected == actual, $"seed {seed} step {step} at 0x{virt:x}: expected {expected}, got {actual}");
                counts[(int)actual]++;
                CheckTranslation(space, virt);
            }
            foreach (ulong virt in addresses)
                CheckTranslation(space, virt);
            space.AssertKernelHalfUntouched();
            // Every outcome the operations can have came up, so the model's branches were all exercised.
            foreach (SyscallError outcome in new[] { SyscallError.None, SyscallError.AlreadyMapped, SyscallError.NotMapped, SyscallError.MissingPageTable, SyscallError.IllegalOperation, SyscallError.InvalidArgument, SyscallError.BadAddress })
                Assert.True(counts[(int)outcome] > 0, $"never saw {outcome}");
        }

        // Collisions on purpose: two PML4 slots, two PDPT slots, two PD slots, a few pages each, and page 0.
        private static ulong[] Addresses()
        {
            var addresses = new List<ulong>();
            foreach (ulong pml4 in new ulong[] { 0, 255 })
            foreach (ulong pdpt in new ulong[] { 0, 511 })
            foreach (ulong pd in new ulong[] { 0, 1 })
            foreach (ulong pt in new ulong[] { 0, 1, 511 })
                addresses.Add((pml4 << 39) | (pdpt << 30) | (pd << 21) | (pt << 12));
            return addresses.ToArray();
        }

        private static ulong Base(ulong virt, int level) => virt & ~((1UL << (12 + 9 * level)) - 1);

        // The level of the first table missing on the way to a leaf at leafLevel, 0 if none is.
        private int FirstMissing(ulong virt, int leafLevel)
        {
            for (int level = 3; level >= leafLevel; level--)
            {
                if (!_tables.ContainsKey((level, Base(virt, level))))
                    return level;
            }
            return 0;
        }

        private bool LargeLeafAt(ulong virt) => _leaves.TryGetValue(Base(virt, 1), out Leaf leaf) && leaf.Size == PageSize.Large;

        private (SyscallError, SyscallError) MapTable(HostUserAddressSpace space, ulong virt)
        {
            int missing = FirstMissing(virt, 1);
            SyscallError expected = missing == 0 || (missing == 1 && LargeLeafAt(virt)) ? SyscallError.AlreadyMapped : SyscallError.None;
            PhysicalAddress table = space.NewTable();
            SyscallError actual = space.Tables.MapTable(space.Root, new VirtualAddress(virt), table, out PageTableLevel level);
            if (actual == SyscallError.None)
            {
                Assert.Equal(missing, (int)level);
                _tables[(missing, Base(virt, missing))] = table;
            }
            else
            {
                space.Memory.Free(table);
            }
            return (expected, actual);
        }

        private (SyscallError, SyscallError) UnmapTable(HostUserAddressSpace space, Random random, ulong virt)
        {
            int level = 1 + random.Next(3);
            bool exists = _tables.TryGetValue((level, Base(virt, level)), out PhysicalAddress table);
            bool rightTable = exists && random.Next(4) != 0;
            PhysicalAddress named = rightTable ? table : new PhysicalAddress(HostPhysicalMemory.FakePhysicalBase + (ulong)random.Next(2048) * PageSize.Small);
            if (exists && !rightTable && named.Value == table.Value)
                rightTable = true;
            SyscallError actual = space.Tables.UnmapTable(space.Root, new VirtualAddress(virt), (PageTableLevel)level, named, out TlbInvalidation invalidation);
            if (!rightTable)
                return (SyscallError.NotMapped, actual);
            Assert.True(invalidation.Any);
            bool held = false;
            ulong start = Base(virt, level), end = start + (1UL << (12 + 9 * level));
            foreach (ulong leaf in new List<ulong>(_leaves.Keys))
            {
                if (leaf >= start && leaf < end)
                {
                    held = true;
                    _leaves.Remove(leaf);
                }
            }
            foreach ((int Level, ulong Base) key in new List<(int, ulong)>(_tables.Keys))
            {
                if (key.Level < level && key.Base >= start && key.Base < end)
                {
                    held = true;
                    space.Memory.Free(_tables[key]);
                    _tables.Remove(key);
                }
            }
            _tables.Remove((level, start));
            space.Memory.Free(table);
            if (held)
                Assert.True(invalidation.All);
            return (SyscallError.None, actual);
        }

        private (SyscallError, SyscallError) MapFrame(HostUserAddressSpace space, Random random, ulong virt)
        {
            bool large = random.Next(3) == 0;
            ulong size = large ? PageSize.Large : PageSize.Small;
            CapRights rights = s_rights[random.Next(s_rights.Length)];
            var cache = (CacheType)random.Next(3);
            ulong frame = (ulong)random.Next(1, 64) * PageSize.Large;
            SyscallError actual = space.Tables.MapFrame(space.Root, new VirtualAddress(virt), new PhysicalAddress(frame), size, rights, cache, out PageTableLevel missing);
            int firstMissing = FirstMissing(virt, large ? 2 : 1);
            SyscallError expected = AddressCheck(virt, size);
            if (expected == SyscallError.None)
                expected = RightsCheck(rights);
            if (expected == SyscallError.None && firstMissing != 0 && !(firstMissing == 1 && LargeLeafAt(virt)))
                expected = SyscallError.MissingPageTable;
            else if (expected == SyscallError.None && (large ? _tables.ContainsKey((1, virt)) || _leaves.ContainsKey(virt) : LargeLeafAt(virt) || _leaves.ContainsKey(virt)))
                expected = SyscallError.AlreadyMapped;
            if (actual == SyscallError.MissingPageTable)
                Assert.Equal(firstMissing, (int)missing);
            if (actual == SyscallError.None)
                _leaves[virt] = new Leaf(frame, size, rights, cache);
            return (expected, actual);
        }

        // Picks the mapped frame most of the time, so both the removal and the stale-capability paths run.
        private bool PickFrame(Random random, ulong virt, out ulong size, out ulong frame)
        {
            bool mapped = _leaves.TryGetValue(virt, out Leaf leaf);
            size = random.Next(3) == 0 ? PageSize.Large : PageSize.Small;
            frame = (ulong)random.Next(1, 64) * PageSize.Large;
            if (mapped && random.Next(4) != 0)
            {
                size = leaf.Size;
                frame = leaf.Frame;
            }
            return mapped && leaf.Size == size && leaf.Frame == frame;
        }

        private static SyscallError AddressCheck(ulong virt, ulong size)
        {
            if (virt < size)
                return SyscallError.BadAddress;
            return (virt & (size - 1)) != 0 ? SyscallError.Alignment : SyscallError.None;
        }

        private static SyscallError RightsCheck(CapRights rights)
        {
            if (rights == (CapRights.Read | CapRights.Write | CapRights.Execute))
                return SyscallError.IllegalOperation;
            return (rights & CapRights.Read) == 0 ? SyscallError.InvalidArgument : SyscallError.None;
        }

        private (SyscallError, SyscallError) UnmapFrame(HostUserAddressSpace space, Random random, ulong virt)
        {
            bool matches = PickFrame(random, virt, out ulong size, out ulong frame);
            SyscallError actual = space.Tables.UnmapFrame(space.Root, new VirtualAddress(virt), size, new PhysicalAddress(frame), out TlbInvalidation invalidation);
            SyscallError expected = AddressCheck(virt, size);
            if (expected == SyscallError.None)
                expected = matches ? SyscallError.None : SyscallError.NotMapped;
            if (actual == SyscallError.None)
            {
                Assert.Equal(virt, invalidation.Page.Value);
                _leaves.Remove(virt);
            }
            return (expected, actual);
        }

        private (SyscallError, SyscallError) ProtectFrame(HostUserAddressSpace space, Random random, ulong virt)
        {
            bool matches = PickFrame(random, virt, out ulong size, out ulong frame);
            CapRights rights = s_rights[random.Next(s_rights.Length)];
            SyscallError actual = space.Tables.ProtectFrame(space.Root, new VirtualAddress(virt), size, new PhysicalAddress(frame), rights, out _);
            SyscallError expected = AddressCheck(virt, size);
            if (expected == SyscallError.None)
                expected = RightsCheck(rights);
            if (expected == SyscallError.None)
                expected = matches ? SyscallError.None : SyscallError.NotMapped;
            if (actual == SyscallError.None)
                _leaves[virt] = _leaves[virt] with { Rights = rights };
            return (expected, actual);
        }

        // What Translate says at virt and one page above it agrees with the model's leaves.
        private void CheckTranslation(HostUserAddressSpace space, ulong virt)
        {
            foreach (ulong probe in new[] { virt, virt + PageSize.Small + 0x10 })
            {
                Leaf leaf = default;
                bool mapped = _leaves.TryGetValue(Base(probe, 0), out leaf) || (_leaves.TryGetValue(Base(probe, 1), out leaf) && leaf.Size == PageSize.Large);
                SyscallError result = space.Tables.Translate(space.Root, new VirtualAddress(probe), out UserPageMapping mapping);
                if (!mapped)
                {
                    Assert.Equal(SyscallError.NotMapped, result);
                    continue;
                }
                Assert.Equal(SyscallError.None, result);
                Assert.Equal(leaf.Frame + (probe & (leaf.Size - 1)), mapping.Physical.Value);
                Assert.Equal(leaf.Size, mapping.PageSize);
                Assert.Equal(leaf.Rights, mapping.Rights);
                Assert.True(PatLayout.Kernel.TryGetLeafBits(leaf.Cache, leaf.Size == PageSize.Large, out ulong bits));
                Assert.Equal(PatLayout.Kernel.MemoryTypeOf(bits, leaf.Size == PageSize.Large), mapping.MemoryType);
            }
        }
    }
}
