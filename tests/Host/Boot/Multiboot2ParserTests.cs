// Host tests of the Multiboot 2 parser over crafted tag lists, well-formed and malformed.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class Multiboot2ParserTests
    {
        private static string Text(BootText text) => new string(text.Span);

        [Fact]
        public void ParsesEveryKnownTag()
        {
            byte[] rsdp2 = RsdpImage.Version2(0x777C074, 0x777C0E8);
            var image = new Multiboot2Image()
                .CommandLine("exit-on-ready loglevel=debug")
                .BootLoaderName("GRUB 2.06-13")
                .Module(0x400000, 0x400123, "/boot/initrd")
                .Module(0x401000, 0x402000, "")
                .BasicMemory(639, 129920)
                .MemoryMap((0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0x100000, 0x7EE0000, 1), (0x7FE0000, 0x20000, 3), (0xFFFC0000, 0x40000, 4))
                .Framebuffer(0x80000000, 4096, 1024, 768, 32, 1, 16, 8, 8, 8, 0, 8)
                .AcpiOld(RsdpImage.Version1(0x777C074))
                .AcpiNew(rsdp2)
                .EfiMemoryMap(48, 5)
                .Tag(21, Multiboot2Image.U32(0x200000))
                .Tag(99, new byte[3])
                .End();

            BootInfo info = image.Parse();

            Assert.Equal(BootInfoError.None, info.Error);
            Assert.Equal(BootProtocol.Multiboot2, info.Protocol);
            Assert.Equal(0, info.Warnings.Count);
            Assert.Equal("exit-on-ready loglevel=debug", Text(info.CommandLine));
            Assert.Equal("GRUB 2.06-13", Text(info.BootLoaderName));
            Assert.Equal(2, info.Modules.Count);
            Assert.Equal(0x400000UL, info.Modules[0].Start.Value);
            Assert.Equal(0x400123UL, info.Modules[0].End.Value);
            Assert.Equal("/boot/initrd", Text(info.Modules[0].Text));
            Assert.True(info.Modules[1].Text.IsEmpty);
            Assert.Equal(639u, info.BasicMemory.LowerKiB);
            Assert.Equal(129920u, info.BasicMemory.UpperKiB);
            Assert.Equal(5, info.MemoryMap.Count);
            Assert.Equal(MemoryKind.AcpiReclaimable, info.MemoryMap[3].Kind);
            Assert.Equal(MemoryKind.AcpiNvs, info.MemoryMap[4].Kind);
            Assert.Equal(0x9FC00UL + 0x7EE0000UL, info.MemoryMap.TotalUsableBytes);
            Assert.True(info.HasUsableFramebuffer);
            Assert.Equal(0x80000000UL, info.Framebuffer.PhysicalAddress);
            Assert.Equal(16, info.Framebuffer.RedPosition);
            Assert.Equal(8, info.Framebuffer.GreenPosition);
            Assert.Equal(0, info.Framebuffer.BluePosition);
            Assert.Equal(8, info.Framebuffer.BlueSize);
            Assert.True(info.HasRsdp);
            Assert.Equal(RsdpSource.Multiboot2NewTag, info.Rsdp.Source);
            Assert.Equal(2, info.Rsdp.Revision);
            Assert.True(info.Rsdp.ExtendedValid);
            Assert.Equal(0x777C0E8UL, info.Rsdp.XsdtAddress.Value);
            Assert.Equal(5, info.EfiMemoryMapDescriptors);
            Assert.Equal(1UL << 21, info.IgnoredTagTypes);
            Assert.Equal(Multiboot2Image.InfoAddress, info.InformationAddress.Value);
            Assert.Equal((ulong)image.Build().Length, info.InformationLength);
        }

        [Fact]
        public void UsesTheOldAcpiTagWhenItIsTheOnlyOne()
        {
            BootInfo info = new Multiboot2Image().BasicMemory(640, 1024).AcpiOld(RsdpImage.Version1(0x1234)).End().Parse();

            Assert.Equal(RsdpSource.Multiboot2OldTag, info.Rsdp.Source);
            Assert.Equal(Multiboot2Image.InfoAddress + 8 + 16 + 8, info.Rsdp.Address.Value);
            Assert.Equal(0x1234UL, info.Rsdp.RsdtAddress.Value);
            Assert.False(info.Rsdp.ExtendedValid);
        }

        [Fact]
        public void FallsBackToTheRsdtWhenTheExtendedChecksumFails()
        {
            byte[] rsdp2 = RsdpImage.Version2(0x1000, 0x2000);
            rsdp2[33] ^= 0xFF;

            BootInfo info = new Multiboot2Image().AcpiNew(rsdp2).End().Parse();

            Assert.True(info.HasRsdp);
            Assert.False(info.Rsdp.ExtendedValid);
            Assert.Equal(0UL, info.Rsdp.XsdtAddress.Value);
            Assert.Equal(0x1000UL, info.Rsdp.RsdtAddress.Value);
            Assert.True(info.Warnings.Contains(BootWarningCode.RsdpBadExtendedChecksum));
        }

        [Fact]
        public void ScansBiosMemoryWhenTheAcpiTagsAreMissingOrBad()
        {
            byte[] broken = RsdpImage.Version1(0x1000);
            broken[8] ^= 1;
            var image = new Multiboot2Image().AcpiOld(broken).End();
            image.Memory.Write(0xF5A40, RsdpImage.Version1(0x2000));

            BootInfo info = image.Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.RsdpBadChecksum));
            Assert.Equal(RsdpSource.BiosAreaScan, info.Rsdp.Source);
            Assert.Equal(0x2000UL, info.Rsdp.RsdtAddress.Value);
        }

        [Fact]
        public void HonoursALargerMemoryMapEntrySizeAndNotesAnUnknownVersion()
        {
            BootInfo info = new Multiboot2Image().MemoryMapWith(32, 1, (0, 0x9F000, 1), (0x100000, 0x200000, 2)).End().Parse();

            Assert.Equal(2, info.MemoryMap.Count);
            Assert.Equal(0x100000UL, info.MemoryMap[1].Base.Value);
            Assert.Equal(MemoryKind.Reserved, info.MemoryMap[1].Kind);
            Assert.True(info.Warnings.Contains(BootWarningCode.UnknownEntryVersion));
        }

        [Fact]
        public void SkipsAMemoryMapWithEntriesSmallerThan24Bytes()
        {
            BootInfo info = new Multiboot2Image().BasicMemory(640, 2048).MemoryMapWith(16, 0, (0, 0x9F000, 1)).End().Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.EntrySizeTooSmall));
            Assert.True(info.Warnings.Contains(BootWarningCode.DerivedFromBasicMemory));
            Assert.Equal((640UL + 2048UL) * 1024, info.MemoryMap.TotalUsableBytes);
        }

        [Fact]
        public void ReportsBytesAfterTheLastWholeMemoryMapEntry()
        {
            byte[] payload = Multiboot2Image.Concat(Multiboot2Image.U32(24), Multiboot2Image.U32(0),
                Multiboot2Image.U64(0x100000), Multiboot2Image.U64(0x1000), Multiboot2Image.U32(1), Multiboot2Image.U32(0), new byte[10]);

            BootInfo info = new Multiboot2Image().Tag(6, payload).End().Parse();

            Assert.Equal(1, info.MemoryMap.Count);
            Assert.True(info.Warnings.Contains(BootWarningCode.TrailingBytes));
        }

        [Fact]
        public void StopsAtAZeroSizeTagAndKeepsWhatCameBefore()
        {
            var image = new Multiboot2Image().CommandLine("before");
            int badOffset = image.NextOffset;
            image.RawTag(1, 0, Array.Empty<byte>()).CommandLine("after").End();

            BootInfo info = image.Parse();

            Assert.Equal("before", Text(info.CommandLine));
            BootWarning warning = Single(info, BootWarningCode.TagTooSmall);
            Assert.Equal((ulong)badOffset, warning.A);
        }

        [Fact]
        public void StopsAtATagRunningPastTotalSize()
        {
            BootInfo info = new Multiboot2Image().CommandLine("ok").RawTag(2, 0xFFFFFFF8, new byte[8]).End().Parse();

            Assert.Equal("ok", Text(info.CommandLine));
            Assert.True(info.Warnings.Contains(BootWarningCode.TagPastEnd));
            Assert.True(info.BootLoaderName.IsEmpty);
        }

        [Fact]
        public void ReportsAMissingEndTag()
        {
            BootInfo info = new Multiboot2Image().CommandLine("no end").Parse();

            Assert.Equal("no end", Text(info.CommandLine));
            Assert.True(info.Warnings.Contains(BootWarningCode.MissingEndTag));
        }

        [Fact]
        public void ReportsATotalSizeTooSmallForAnyTag()
        {
            BootInfo info = new Multiboot2Image().CommandLine("hidden").End().Parse(totalSize: 4);

            Assert.Equal(BootInfoError.None, info.Error);
            Assert.True(info.Warnings.Contains(BootWarningCode.TotalSizeTooSmall));
            Assert.True(info.CommandLine.IsEmpty);
        }

        [Fact]
        public void LimitsAnAbsurdTotalSizeAndReadsWhatIsThere()
        {
            BootInfo info = new Multiboot2Image().CommandLine("still read").End().Parse(totalSize: 0xFFFFFFF0);

            Assert.True(info.Warnings.Contains(BootWarningCode.TotalSizeTooLarge));
            Assert.True(info.Warnings.Contains(BootWarningCode.Truncated));
            Assert.Equal("still read", Text(info.CommandLine));
        }

        [Fact]
        public void ReadsOnlyTheReadablePartOfATruncatedStructure()
        {
            var image = new Multiboot2Image().CommandLine("first").BootLoaderName("second loader name").End();

            BootInfo info = image.Parse(readable: 24);

            Assert.Equal("first", Text(info.CommandLine));
            Assert.True(info.BootLoaderName.IsEmpty);
            Assert.True(info.Warnings.Contains(BootWarningCode.Truncated));
        }

        [Fact]
        public void CutsAStringTagWithoutTerminatorAtTheTagEnd()
        {
            BootInfo info = new Multiboot2Image().Tag(1, System.Text.Encoding.ASCII.GetBytes("no-nul")).End().Parse();

            Assert.Equal("no-nul", Text(info.CommandLine));
            Assert.True(info.Warnings.Contains(BootWarningCode.Unterminated));
        }

        [Fact]
        public void KeepsTheFirstOfDuplicatedTags()
        {
            BootInfo info = new Multiboot2Image().CommandLine("first").CommandLine("second").End().Parse();

            Assert.Equal("first", Text(info.CommandLine));
            Assert.Equal(BootSubject.CommandLine, Single(info, BootWarningCode.DuplicateTag).Subject);
        }

        [Fact]
        public void SkipsTagsTooSmallForTheirFields()
        {
            BootInfo info = new Multiboot2Image().Tag(4, Multiboot2Image.U32(640)).Tag(3, Multiboot2Image.U32(0x1000)).End().Parse();

            Assert.False(info.HasBasicMemory);
            Assert.Equal(0, info.Modules.Count);
            Assert.Equal(2, CountOf(info, BootWarningCode.TagTooShort));
        }

        [Fact]
        public void MarksAnRgbFramebufferWithoutColourInfoUnusable()
        {
            byte[] fields = Multiboot2Image.Concat(Multiboot2Image.U64(0x80000000), Multiboot2Image.U32(4096), Multiboot2Image.U32(1024),
                Multiboot2Image.U32(768), new byte[] { 32, 1 });

            BootInfo info = new Multiboot2Image().Tag(8, fields).End().Parse();

            Assert.Equal(FramebufferKind.Rgb, info.FramebufferKind);
            Assert.False(info.HasUsableFramebuffer);
            Assert.Equal(BootSubject.Framebuffer, Single(info, BootWarningCode.Truncated).Subject);
        }

        [Fact]
        public void ReportsAnEgaTextFramebufferAsUnusable()
        {
            BootInfo info = new Multiboot2Image().Framebuffer(0xB8000, 160, 80, 25, 16, 2).End().Parse();

            Assert.Equal(FramebufferKind.EgaText, info.FramebufferKind);
            Assert.False(info.HasUsableFramebuffer);
            Assert.Equal(0, info.Warnings.Count - CountOf(info, BootWarningCode.NoMemoryInformation));
        }

        [Fact]
        public void NotesAnEfiMemoryMapWithImplausibleDescriptorSize()
        {
            BootInfo info = new Multiboot2Image().EfiMemoryMap(8, 3).End().Parse();

            Assert.Equal(-1, info.EfiMemoryMapDescriptors);
            Assert.Equal(BootSubject.EfiMemoryMap, Single(info, BootWarningCode.EntrySizeTooSmall).Subject);
        }

        [Fact]
        public void FailsWhenTheHeaderIsUnreadable()
        {
            BootInfo info = BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(0xFFFF_FFFF_0000), new FakePhysicalMemory());

            Assert.Equal(BootProtocol.Multiboot2, info.Protocol);
            Assert.Equal(BootInfoError.InformationUnreadable, info.Error);
        }

        [Fact]
        public void AnUnknownMagicGivesAnErrorAndNoData()
        {
            var image = new Multiboot2Image().CommandLine("x").End();
            BootInfo info = BootInfoParser.Parse(0x12345678, new PhysicalAddress(Multiboot2Image.InfoAddress), image.Memory);

            Assert.Equal(BootProtocol.Unknown, info.Protocol);
            Assert.Equal(BootInfoError.UnrecognizedMagic, info.Error);
            Assert.Equal(0x12345678UL, info.ErrorDetail);
            Assert.True(info.CommandLine.IsEmpty);
            Assert.Equal(0, info.MemoryMap.Count);
        }

        private static int CountOf(BootInfo info, BootWarningCode code)
        {
            int count = 0;
            for (int i = 0; i < info.Warnings.Count; i++)
            {
                if (info.Warnings[i].Code == code)
                    count++;
            }
            return count;
        }

        private static BootWarning Single(BootInfo info, BootWarningCode code)
        {
            Assert.Equal(1, CountOf(info, code));
            for (int i = 0; i < info.Warnings.Count; i++)
            {
                if (info.Warnings[i].Code == code)
                    return info.Warnings[i];
            }
            throw new InvalidOperationException("unreachable");
        }
    }
}
