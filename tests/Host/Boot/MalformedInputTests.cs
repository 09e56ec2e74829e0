// Host tests that feed both Multiboot parsers seeded random corruption: they must report, never throw or
// loop.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    // Corrupts valid images at random (fixed seeds, so failures reproduce): whatever the bytes, parsing must
    // return normally with a complete BootInfo, never throw and never loop.
    public class MalformedInputTests
    {
        private const int Rounds = 400;

        [Fact]
        public void Multiboot2ParserSurvivesCorruptedImages()
        {
            byte[] valid = new Multiboot2Image()
                .CommandLine("exit-on-ready").BootLoaderName("GRUB").Module(0x1000, 0x2000, "m")
                .BasicMemory(640, 1024).MemoryMap((0, 0x9F000, 1), (0x100000, 0x1000000, 1))
                .Framebuffer(0x80000000, 4096, 1024, 768, 32, 1, 16, 8, 8, 8, 0, 8)
                .AcpiOld(RsdpImage.Version1(0x1000)).AcpiNew(RsdpImage.Version2(0x1000, 0x2000)).EfiMemoryMap(48, 2)
                .End().Build();
            var random = new Random(2);
            for (int round = 0; round < Rounds; round++)
            {
                byte[] image = Corrupt(valid, random);
                var memory = new FakePhysicalMemory();
                memory.AddRegion(0, 0x1000);
                image.CopyTo(memory.AddRegion(0x10000, image.Length), 0);

                BootInfo info = BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(0x10000), memory);

                AssertConsistent(info);
            }
        }

        [Fact]
        public void Multiboot1ParserSurvivesCorruptedPointersAndLengths()
        {
            var random = new Random(1);
            for (int round = 0; round < Rounds; round++)
            {
                var image = new Multiboot1Image()
                    .WithBasicMemory(640, 1024).WithCommandLine("exit-on-ready").WithBootLoaderName("qemu")
                    .WithModules((0x1000, 0x2000, "m")).WithMemoryMap((0, 0x9F000, 1), (0x100000, 0x1000000, 1))
                    .WithFramebuffer(0xFD000000, 4096, 1024, 768, 32, 1, 16, 8, 8, 8, 0, 8);
                image.Memory.Write(0xF0000, RsdpImage.Version2(0x1000, 0x2000));
                image.Flags = (uint)random.Next() | (uint)random.Next(2) << 31;
                for (int field = 0; field < 6; field++)
                    image.Memory.WriteU32(Multiboot1Image.InfoAddress + 4 * (ulong)random.Next(29), RandomValue(random));
                image.Memory.WriteU32(0x20000 + (ulong)random.Next(256), RandomValue(random));

                AssertConsistent(image.Parse());
            }
        }

        private static byte[] Corrupt(byte[] valid, Random random)
        {
            byte[] image = (byte[])valid.Clone();
            int changes = 1 + random.Next(8);
            for (int i = 0; i < changes; i++)
            {
                int at = random.Next(image.Length - 3);
                if (random.Next(2) == 0)
                    image[at] = (byte)random.Next(256);
                else
                    BitConverter.GetBytes(RandomValue(random)).CopyTo(image, at);
            }
            int length = random.Next(4) == 0 ? random.Next(image.Length) : image.Length;
            return image.AsSpan(0, Math.Max(length, 1)).ToArray();
        }

        // Interesting values for sizes, counts and addresses, not just uniform noise.
        private static uint RandomValue(Random random) => random.Next(6) switch
        {
            0 => 0,
            1 => 0xFFFFFFFF,
            2 => (uint)random.Next(64),
            3 => 0xFFFFFFF8,
            4 => (uint)random.Next(0x30000),
            _ => (uint)random.Next() * 2,
        };

        private static void AssertConsistent(BootInfo info)
        {
            if (info.Error != BootInfoError.None)
                return;
            for (int i = 1; i < info.MemoryMap.Count; i++)
                Assert.True(info.MemoryMap[i].Base.Value >= info.MemoryMap[i - 1].End, "memory map sorted and free of overlaps");
            for (int i = 0; i < info.MemoryMap.Count; i++)
                Assert.True(info.MemoryMap[i].Length > 0);
            Assert.True(info.Modules.Count <= BootModules.Capacity);
            for (int i = 0; i < info.Modules.Count; i++)
                Assert.True(info.Modules[i].End.Value >= info.Modules[i].Start.Value);
            foreach (char c in info.CommandLine.Span)
                Assert.InRange(c, ' ', '~');
        }
    }
}
