// Kernel tests of boot information: the live BootInfo of this very boot (QEMU -kernel, or GRUB), the
// direct-map reader's refusal of unmapped physical memory, and the parsers run on crafted images under the kernel's runtime.
using System;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class BootInfoTests
    {
        private const ulong ImageAddress = 0x5000_0000;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Boot.LiveInformationParsedCleanly", &LiveInformationParsedCleanly);
            tests.Add("Boot.LiveMemoryMapHasUsableRamAndNoOverlaps", &LiveMemoryMapHasUsableRamAndNoOverlaps);
            tests.Add("Boot.LiveRsdpPointsAtAnRsdt", &LiveRsdpPointsAtAnRsdt);
            tests.Add("Boot.DirectMapReaderStopsAtHoles", &DirectMapReaderStopsAtHoles);
            tests.Add("Boot.Multiboot2ImageParsedInKernel", &Multiboot2ImageParsedInKernel);
            tests.Add("Boot.ZeroSizeTagIsAWarningNotAPanic", &ZeroSizeTagIsAWarningNotAPanic);
            tests.Add("Boot.CommandLineOptionsInKernel", &CommandLineOptionsInKernel);
        }

        private static void LiveInformationParsedCleanly()
        {
            BootInfo info = BootSequence.Information;
            Expect.NotNull(info, "boot information parsed at start-up");
            Expect.True(info.Error == BootInfoError.None, "no error");
            Expect.True(info.Protocol == BootProtocol.Multiboot1 || info.Protocol == BootProtocol.Multiboot2, "a Multiboot protocol");
            Expect.Equal(0, info.Warnings.Count, "QEMU's boot information needs no repair");
            Expect.True(info.BootLoaderName.Length > 0, "boot loader named");
        }

        private static void LiveMemoryMapHasUsableRamAndNoOverlaps()
        {
            MemoryMap map = BootSequence.Information.MemoryMap;
            Expect.True(map.Count > 0, "memory map not empty");
            Expect.True(map.TotalUsableBytes > 16UL * 1024 * 1024, "more than 16 MiB usable");
            for (int i = 1; i < map.Count; i++)
                Expect.True(map[i].Base.Value >= map[i - 1].End, "sorted without overlaps");
        }

        private static void LiveRsdpPointsAtAnRsdt()
        {
            BootInfo info = BootSequence.Information;
            Expect.True(info.HasRsdp, "QEMU's firmware provides ACPI");
            var memory = new DirectMapReader();
            Expect.True(Rsdp.TryRead(memory, info.Rsdp.Address, info.Rsdp.Source, new BootWarnings(), out RsdpInfo again), "RSDP still validates");
            Expect.Equal(info.Rsdp.RsdtAddress.Value, again.RsdtAddress.Value, "same RSDT");
            ReadOnlySpan<byte> signature = memory.Read(info.Rsdp.RsdtAddress, 4);
            Expect.Equal(4, signature.Length, "RSDT readable");
            Expect.True(signature[0] == (byte)'R' && signature[1] == (byte)'S' && signature[2] == (byte)'D' && signature[3] == (byte)'T', "RSDT signature");
        }

        private static void DirectMapReaderStopsAtHoles()
        {
            var memory = new DirectMapReader();
            Expect.Equal(0, memory.Read(new PhysicalAddress(KernelMemoryLayout.DirectMapSize), 16).Length, "nothing beyond the direct map");
            Expect.Equal(0, memory.Read(new PhysicalAddress(ulong.MaxValue - 3), 16).Length, "nothing near the top");
            Expect.Equal(2, memory.Read(new PhysicalAddress(0x40E), 2).Length, "low memory readable");
            ulong hole = FirstDirectMapHole();
            Expect.True(hole != 0, "QEMU's memory map leaves a hole below 4 GiB");
            Expect.Equal(0, memory.Read(new PhysicalAddress(hole), 16).Length, "nothing in a hole");
            Expect.Equal(8, memory.Read(new PhysicalAddress(hole - 8), 16).Length, "cut where the hole starts");
        }

        // The first 2 MiB chunk below 4 GiB the direct map leaves out, right after a mapped one (0: none).
        private static ulong FirstDirectMapHole()
        {
            for (ulong chunk = PageSize.Large; chunk < 4UL << 30; chunk += PageSize.Large)
            {
                if (KernelAddressSpace.Space.Translate(new VirtualAddress(KernelMemoryLayout.DirectMapBase + chunk), out _) != Memory.Paging.PagingResult.Success)
                    return chunk;
            }
            return 0;
        }

        // total_size, cmdline tag, mmap tag (two entries), ACPI 1.0 tag, end tag.
        private static byte[] Multiboot2Image(bool zeroSizeTagAfterCommandLine)
        {
            var image = new byte[136];
            ByteImageMemory.PutU32(image, 0, (uint)image.Length);
            ByteImageMemory.PutU32(image, 8, 1);
            ByteImageMemory.PutU32(image, 12, 8 + 14);
            ByteImageMemory.PutAscii(image, 16, "loglevel=warn");
            if (zeroSizeTagAfterCommandLine)
            {
                ByteImageMemory.PutU32(image, 32, 6);
                return image;
            }
            ByteImageMemory.PutU32(image, 32, 6);
            ByteImageMemory.PutU32(image, 36, 16 + 2 * 24);
            ByteImageMemory.PutU32(image, 40, 24);
            ByteImageMemory.PutU64(image, 48, 0);
            ByteImageMemory.PutU64(image, 56, 0x9F000);
            ByteImageMemory.PutU32(image, 64, 1);
            ByteImageMemory.PutU64(image, 72, 0x100000);
            ByteImageMemory.PutU64(image, 80, 0x3F00000);
            ByteImageMemory.PutU32(image, 88, 1);
            ByteImageMemory.PutU32(image, 96, 14);
            ByteImageMemory.PutU32(image, 100, 8 + 20);
            ByteImageMemory.PutAscii(image, 104, "RSD PTR ");
            ByteImageMemory.PutU32(image, 120, 0x7FE1AD8);
            byte sum = 0;
            for (int i = 104; i < 124; i++)
                sum += image[i];
            image[112] = (byte)(0 - sum);
            ByteImageMemory.PutU32(image, 128, 0);
            ByteImageMemory.PutU32(image, 132, 8);
            return image;
        }

        private static void Multiboot2ImageParsedInKernel()
        {
            var memory = new ByteImageMemory(Multiboot2Image(false), ImageAddress);
            BootInfo info = BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(ImageAddress), memory);
            Expect.True(info.Error == BootInfoError.None, "no error");
            Expect.Equal(0, info.Warnings.Count, "well-formed image");
            Expect.True(info.CommandLine.Span.SequenceEqual("loglevel=warn"), "command line");
            Expect.Equal(2, info.MemoryMap.Count, "two regions");
            Expect.Equal(0x9F000UL + 0x3F00000UL, info.MemoryMap.TotalUsableBytes, "usable bytes");
            Expect.True(info.HasRsdp, "RSDP from the ACPI tag");
            Expect.Equal(ImageAddress + 104, info.Rsdp.Address.Value, "RSDP copy address");
            Expect.Equal(0x7FE1AD8UL, info.Rsdp.RsdtAddress.Value, "RSDT");
        }

        private static void ZeroSizeTagIsAWarningNotAPanic()
        {
            Expect.True(KernelTestRunner.Probe(&ParseImageWithZeroSizeTag) == ProbeOutcome.Returned, "parsing returns");
        }

        private static void ParseImageWithZeroSizeTag()
        {
            var memory = new ByteImageMemory(Multiboot2Image(true), ImageAddress);
            BootInfo info = BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(ImageAddress), memory);
            Expect.True(info.Warnings.Contains(BootWarningCode.TagTooSmall), "zero-size tag reported");
            Expect.True(info.CommandLine.Span.SequenceEqual("loglevel=warn"), "tags before it kept");
        }

        private static void CommandLineOptionsInKernel()
        {
            var memory = new ByteImageMemory(Multiboot2Image(false), ImageAddress);
            BootInfo info = BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(ImageAddress), memory);
            KernelOptions options = KernelOptions.From(KernelCommandLine.Parse(info.CommandLine));
            Expect.True(options.LogLevel == LogLevel.Warn, "loglevel=warn applied");
            Expect.False(options.ExitOnReady, "exit-on-ready not given");
            Expect.Equal(0, options.ProblemCount, "no problems");
        }
    }
}
