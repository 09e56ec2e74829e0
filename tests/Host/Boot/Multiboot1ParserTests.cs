// Host tests of the Multiboot 1 parser over crafted information structures, well-formed and malformed.
using System;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class Multiboot1ParserTests
    {
        private static string Text(BootText text) => new string(text.Span);

        [Fact]
        public void ParsesEveryFlaggedField()
        {
            var image = new Multiboot1Image()
                .WithBasicMemory(639, 130048)
                .WithCommandLine("exit-on-ready loglevel=info")
                .WithBootLoaderName("GRUB 2.06")
                .WithModules((0x300000, 0x301000, "/boot/init arg"), (0x302000, 0x302000, null))
                .WithMemoryMap((0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0x100000, 0x7EE0000, 1), (0x7FE0000, 0x10000, 3),
                    (0x7FF0000, 0x10000, 4), (0x8000000, 0x1000, 5), (0xFFFC0000, 0x40000, 7))
                .WithFramebuffer(0xFD000000, 4096, 1024, 768, 32, 1, 16, 8, 8, 8, 0, 8);
            image.Memory.Write(RsdpScanner.BiosAreaStart + 0x5A40, RsdpImage.Version1(0x7FE1AD8));

            BootInfo info = image.Parse();

            Assert.Equal(BootInfoError.None, info.Error);
            Assert.Equal(BootProtocol.Multiboot1, info.Protocol);
            Assert.Equal(0, info.Warnings.Count);
            Assert.Equal(Multiboot1Image.InfoAddress, info.InformationAddress.Value);
            Assert.Equal(118UL, info.InformationLength); // every field up to the framebuffer colour info
            Assert.True(info.HasBasicMemory);
            Assert.Equal(639u, info.BasicMemory.LowerKiB);
            Assert.Equal(130048u, info.BasicMemory.UpperKiB);
            Assert.Equal("exit-on-ready loglevel=info", Text(info.CommandLine));
            Assert.False(info.CommandLineStartsWithImageName);
            Assert.Equal("GRUB 2.06", Text(info.BootLoaderName));

            Assert.Equal(2, info.Modules.Count);
            Assert.Equal(0x300000UL, info.Modules[0].Start.Value);
            Assert.Equal(0x301000UL, info.Modules[0].End.Value);
            Assert.Equal(0x1000UL, info.Modules[0].Length);
            Assert.Equal("/boot/init arg", Text(info.Modules[0].Text));
            Assert.True(info.Modules[1].Text.IsEmpty);

            Assert.Equal(7, info.MemoryMap.Count);
            Assert.Equal(MemoryKind.Usable, info.MemoryMap[0].Kind);
            Assert.Equal(MemoryKind.Reserved, info.MemoryMap[1].Kind);
            Assert.Equal(MemoryKind.AcpiReclaimable, info.MemoryMap[3].Kind);
            Assert.Equal(MemoryKind.AcpiNvs, info.MemoryMap[4].Kind);
            Assert.Equal(MemoryKind.BadMemory, info.MemoryMap[5].Kind);
            Assert.Equal(MemoryKind.Unrecognized, info.MemoryMap[6].Kind);
            Assert.Equal(7u, info.MemoryMap[6].FirmwareType);
            Assert.Equal(0x100000UL, info.MemoryMap[2].Base.Value);
            Assert.Equal(0x7FE0000UL, info.MemoryMap[2].End);
            Assert.Equal(0x9FC00UL + 0x7EE0000UL, info.MemoryMap.TotalUsableBytes);

            Assert.Equal(FramebufferKind.Rgb, info.FramebufferKind);
            Assert.True(info.HasUsableFramebuffer);
            Assert.Equal(0xFD000000UL, info.Framebuffer.PhysicalAddress);
            Assert.Equal(1024u, info.Framebuffer.Width);
            Assert.Equal(768u, info.Framebuffer.Height);
            Assert.Equal(4096u, info.Framebuffer.Pitch);
            Assert.Equal(32, info.Framebuffer.BitsPerPixel);
            Assert.Equal(16, info.Framebuffer.RedPosition);
            Assert.Equal(8, info.Framebuffer.RedSize);
            Assert.Equal(8, info.Framebuffer.GreenPosition);
            Assert.Equal(0, info.Framebuffer.BluePosition);
            Assert.Equal(8, info.Framebuffer.BlueSize);

            Assert.True(info.HasRsdp);
            Assert.Equal(RsdpScanner.BiosAreaStart + 0x5A40, info.Rsdp.Address.Value);
            Assert.Equal(RsdpSource.BiosAreaScan, info.Rsdp.Source);
            Assert.Equal(0, info.Rsdp.Revision);
            Assert.Equal(0x7FE1AD8UL, info.Rsdp.RsdtAddress.Value);
        }

        [Fact]
        public void IgnoresFieldsWhoseFlagIsClear()
        {
            var image = new Multiboot1Image().WithCommandLine("should not be read").WithBasicMemory(639, 1024);
            image.Flags = 0;

            BootInfo info = image.Parse();

            Assert.True(info.CommandLine.IsEmpty);
            Assert.False(info.HasBasicMemory);
            Assert.Equal(0, info.MemoryMap.Count);
            Assert.True(info.Warnings.Contains(BootWarningCode.NoMemoryInformation));
        }

        [Fact]
        public void QemuLoaderPutsTheImageNameFirst()
        {
            BootInfo info = new Multiboot1Image().WithBootLoaderName("qemu").WithCommandLine("build/kernel.elf exit-on-ready").Parse();

            Assert.True(info.CommandLineStartsWithImageName);
            KernelCommandLine commandLine = KernelCommandLine.Parse(info.CommandLine, info.CommandLineStartsWithImageName);
            Assert.Equal(1, commandLine.Count);
            Assert.True(commandLine.Contains("exit-on-ready"));
        }

        [Fact]
        public void HonoursTheSizeFieldOfMemoryMapEntries()
        {
            byte[] map = Multiboot1Image.MemoryMapBytes(28, (0, 0x9F000, 1), (0x100000, 0x100000, 1));
            BootInfo info = new Multiboot1Image().WithMemoryMapBytes(map).Parse();

            Assert.Equal(2, info.MemoryMap.Count);
            Assert.Equal(0x100000UL, info.MemoryMap[1].Base.Value);
            Assert.Equal(0x100000UL, info.MemoryMap[1].Length);
        }

        [Fact]
        public void StopsAtAnEntryWhoseSizeIsTooSmall()
        {
            byte[] good = Multiboot1Image.MemoryMapBytes(20, (0, 0x9F000, 1));
            byte[] bad = Multiboot1Image.MemoryMapBytes(0, (0x100000, 0x100000, 1));
            BootInfo info = new Multiboot1Image().WithMemoryMapBytes(Multiboot2Image.Concat(good, bad, good)).Parse();

            Assert.Equal(1, info.MemoryMap.Count);
            Assert.True(info.Warnings.Contains(BootWarningCode.EntryTooSmall));
        }

        [Fact]
        public void StopsAtAnEntryRunningPastTheMapLength()
        {
            byte[] map = Multiboot1Image.MemoryMapBytes(20, (0, 0x9F000, 1), (0x100000, 0x100000, 1));
            var image = new Multiboot1Image().WithMemoryMapBytes(map);
            image.WithMemoryMapAt((uint)map.Length - 4, 0x20000);

            BootInfo info = image.Parse();

            Assert.Equal(1, info.MemoryMap.Count);
            Assert.True(info.Warnings.Contains(BootWarningCode.EntryPastEnd));
        }

        [Fact]
        public void ClampsAnAbsurdMemoryMapLength()
        {
            byte[] map = Multiboot1Image.MemoryMapBytes(20, (0, 0x9F000, 1));
            var image = new Multiboot1Image().WithMemoryMapBytes(map);
            image.WithMemoryMapAt(0xFFFFFFFF, 0x20000);

            BootInfo info = image.Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.ValueOutOfRange));
            Assert.Equal(MemoryKind.Usable, info.MemoryMap[0].Kind);
        }

        [Fact]
        public void ReportsAnUnreadableMemoryMapAndFallsBackToBasicMemory()
        {
            BootInfo info = new Multiboot1Image().WithBasicMemory(640, 1024).WithMemoryMapAt(48, 0x9000_0000).Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.Unreadable));
            Assert.True(info.Warnings.Contains(BootWarningCode.DerivedFromBasicMemory));
            Assert.Equal(2, info.MemoryMap.Count);
            Assert.Equal(640UL * 1024 + 1024UL * 1024, info.MemoryMap.TotalUsableBytes);
            Assert.Equal(0x100000UL, info.MemoryMap[1].Base.Value);
        }

        [Fact]
        public void ClampsConventionalMemoryAbove640KiB()
        {
            BootInfo info = new Multiboot1Image().WithBasicMemory(100000, 0).Parse();

            Assert.Equal(BasicMemoryInfo.MaxLowerKiB, info.BasicMemory.LowerKiB);
            Assert.True(info.Warnings.Contains(BootWarningCode.ValueOutOfRange));
        }

        [Fact]
        public void CutsACommandLineWithoutTerminatorAtTheEndOfReadableMemory()
        {
            var image = new Multiboot1Image();
            ulong end = Multiboot1Image.LowMemorySize;
            image.Memory.Write(end - 5, Encoding.ASCII.GetBytes("abcde"));

            BootInfo info = image.WithCommandLineAt(end - 5).Parse();

            Assert.Equal("abcde", Text(info.CommandLine));
            Assert.True(info.Warnings.Contains(BootWarningCode.Unterminated));
        }

        [Fact]
        public void BoundsTheSearchForTheTerminator()
        {
            var image = new Multiboot1Image();
            ulong address = image.Place(Encoding.ASCII.GetBytes(new string('x', LoaderStrings.MaxCommandLine + 100) + "\0"));

            BootInfo info = image.WithCommandLineAt(address).Parse();

            Assert.Equal(LoaderStrings.MaxCommandLine, info.CommandLine.Length);
            Assert.True(info.Warnings.Contains(BootWarningCode.Unterminated));
        }

        [Fact]
        public void ReportsNullAndUnreadableStringAddresses()
        {
            BootInfo nullAddress = new Multiboot1Image().WithCommandLineAt(0).Parse();
            BootInfo unreadable = new Multiboot1Image().WithCommandLineAt(0xC000_0000).Parse();

            Assert.True(nullAddress.Warnings.Contains(BootWarningCode.NullAddress));
            Assert.True(nullAddress.CommandLine.IsEmpty);
            Assert.True(unreadable.Warnings.Contains(BootWarningCode.Unreadable));
            Assert.True(unreadable.CommandLine.IsEmpty);
        }

        [Fact]
        public void ReplacesControlCharactersInLoaderText()
        {
            var image = new Multiboot1Image();
            ulong address = image.Place(new byte[] { (byte)'a', 0x1B, (byte)'[', (byte)'2', (byte)'J', (byte)'\t', 0xC3, 0xA9, 0 });

            BootInfo info = image.WithCommandLineAt(address).Parse();

            Assert.Equal("a?[2J ??", Text(info.CommandLine));
        }

        [Fact]
        public void ReadsAtMostTheModuleCapacityOfAnAbsurdCount()
        {
            var image = new Multiboot1Image().WithModules((0x300000, 0x301000, "a"), (0x301000, 0x302000, "b"));
            image.WithModuleTable(0xFFFFFFFF, 0x20000 + 0x20);

            BootInfo info = image.Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.TooManyEntries));
            Assert.True(info.Modules.Count <= BootModules.Capacity);
        }

        [Fact]
        public void SkipsAModuleThatEndsBeforeItStarts()
        {
            BootInfo info = new Multiboot1Image().WithModules((0x302000, 0x301000, "backwards"), (0x400000, 0x401000, "ok")).Parse();

            Assert.Equal(1, info.Modules.Count);
            Assert.Equal("ok", Text(info.Modules[0].Text));
            Assert.True(info.Warnings.Contains(BootWarningCode.InvalidRange));
        }

        [Fact]
        public void ReportsAModuleTablePastReadableMemory()
        {
            var image = new Multiboot1Image();
            image.WithModuleTable(2, Multiboot1Image.LowMemorySize - 16);

            BootInfo info = image.Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.Truncated));
            Assert.Equal(1, info.Modules.Count);
        }

        [Theory]
        [InlineData(0, FramebufferKind.Indexed)]
        [InlineData(2, FramebufferKind.EgaText)]
        [InlineData(9, FramebufferKind.Unknown)]
        public void ReportsNonRgbFramebuffersAsUnusable(byte type, FramebufferKind kind)
        {
            BootInfo info = new Multiboot1Image().WithFramebuffer(0xB8000, 160, 80, 25, 16, type).Parse();

            Assert.Equal(kind, info.FramebufferKind);
            Assert.False(info.HasUsableFramebuffer);
            Assert.Equal(80u, info.Framebuffer.Width);
            Assert.Equal(kind == FramebufferKind.Unknown, info.Warnings.Contains(BootWarningCode.FramebufferTypeUnknown));
        }

        [Theory]
        [InlineData(0xFD000000UL, 100u, 1024u, 768u, (byte)32, BootWarningCode.FramebufferPitchTooSmall)]
        [InlineData(0xFD000000UL, 4096u, 0u, 768u, (byte)32, BootWarningCode.FramebufferEmpty)]
        [InlineData(0xFD000000UL, 4096u, 1024u, 768u, (byte)12, BootWarningCode.FramebufferDepthUnsupported)]
        [InlineData(0UL, 4096u, 1024u, 768u, (byte)32, BootWarningCode.NullAddress)]
        [InlineData(0xFFFFFFFFFFFFF000UL, 4096u, 1024u, 768u, (byte)32, BootWarningCode.FramebufferWraps)]
        public void RejectsInconsistentRgbFramebuffers(ulong address, uint pitch, uint width, uint height, byte bpp, BootWarningCode expected)
        {
            BootInfo info = new Multiboot1Image().WithFramebuffer(address, pitch, width, height, bpp, 1, 16, 8, 8, 8, 0, 8).Parse();

            Assert.Equal(FramebufferKind.Rgb, info.FramebufferKind);
            Assert.False(info.HasUsableFramebuffer);
            Assert.True(info.Warnings.Contains(expected));
        }

        [Fact]
        public void RejectsColourFieldsOutsideThePixel()
        {
            BootInfo info = new Multiboot1Image().WithFramebuffer(0xFD000000, 2048, 1024, 768, 16, 1, 11, 5, 5, 6, 14, 5).Parse();

            Assert.False(info.HasUsableFramebuffer);
            Assert.True(info.Warnings.Contains(BootWarningCode.FramebufferColourFields));
        }

        [Fact]
        public void KeepsTheReadableFieldsOfATruncatedStructure()
        {
            var memory = new FakePhysicalMemory();
            byte[] info = memory.AddRegion(0x1000, 24);
            BitConverter.GetBytes((1u << 0) | (1u << 12)).CopyTo(info, 0);
            BitConverter.GetBytes(640u).CopyTo(info, 4);
            BitConverter.GetBytes(2048u).CopyTo(info, 8);

            BootInfo parsed = BootInfoParser.Parse(Multiboot1Parser.Magic, new PhysicalAddress(0x1000), memory);

            Assert.Equal(BootInfoError.None, parsed.Error);
            Assert.True(parsed.Warnings.Contains(BootWarningCode.Truncated));
            Assert.Equal(2048u, parsed.BasicMemory.UpperKiB);
            Assert.Equal(FramebufferKind.None, parsed.FramebufferKind);
        }

        [Fact]
        public void FailsWhenTheStructureIsUnreadable()
        {
            BootInfo info = BootInfoParser.Parse(Multiboot1Parser.Magic, new PhysicalAddress(0x5000_0000), new FakePhysicalMemory());

            Assert.Equal(BootInfoError.InformationUnreadable, info.Error);
            Assert.Equal(0x5000_0000UL, info.ErrorDetail);
            Assert.Equal(0, info.MemoryMap.Count);
        }
    }
}
