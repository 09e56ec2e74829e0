// Synthetic memory maps for the frame-allocator tests, shaped like what QEMU's firmware reports: a small
// map (-m 64M), a large one with the PCI hole below 4 GiB and RAM above it (-m 8G), and a builder for
// anything else. Maps go through MemoryMap.Add/Complete, as the parsers' output does.
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Tests.Host.Memory
{
    internal static class TestMemoryMaps
    {
        public const ulong KiB = 1024;
        public const ulong MiB = 1024 * KiB;
        public const ulong GiB = 1024 * MiB;

        public static MemoryMap Build(params (ulong Start, ulong Length, MemoryKind Kind)[] regions)
        {
            var warnings = new BootWarnings();
            var map = new MemoryMap();
            foreach (var region in regions)
                map.Add(region.Start, region.Length, region.Kind, 0, warnings);
            map.Complete(warnings);
            return map;
        }

        /// <summary>QEMU -m 64M under SeaBIOS: low RAM, the BIOS area, RAM from 1 MiB to just under 64 MiB.</summary>
        public static MemoryMap Small() => Build(
            (0, 0x9FC00, MemoryKind.Usable),
            (0x9FC00, 0x400, MemoryKind.Reserved),
            (0xF0000, 0x10000, MemoryKind.Reserved),
            (MiB, 64 * MiB - 128 * KiB - MiB, MemoryKind.Usable),
            (64 * MiB - 128 * KiB, 128 * KiB, MemoryKind.Reserved),
            (0xFFFC0000, 0x40000, MemoryKind.Reserved));

        /// <summary>QEMU -m 8G: 3 GiB below the PCI hole, ACPI data at its top, 5 GiB above 4 GiB.</summary>
        public static MemoryMap Large() => Build(
            (0, 0x9FC00, MemoryKind.Usable),
            (0x9FC00, 0x400, MemoryKind.Reserved),
            (0xF0000, 0x10000, MemoryKind.Reserved),
            (MiB, 3 * GiB - 128 * KiB - MiB, MemoryKind.Usable),
            (3 * GiB - 128 * KiB, 128 * KiB, MemoryKind.AcpiReclaimable),
            (0xFEFFC000, 0x4000, MemoryKind.Reserved),
            (0xFFFC0000, 0x40000, MemoryKind.Reserved),
            (4 * GiB, 5 * GiB, MemoryKind.Usable));
    }
}
