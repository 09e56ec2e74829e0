// ElfParser on images built in code: the typical image is accepted with every field carried over, and
// each rejection reason is produced by breaking exactly one thing in an otherwise valid image.
using MinimalOS.Kernel.Elf;
using Xunit;
using static MinimalOS.Tests.Host.Elf.ElfFileBuilder;

namespace MinimalOS.Tests.Host.Elf
{
    public class ElfParserTests
    {
        private static ElfError Parse(byte[] file) => ElfParser.Parse(file, out _);

        private static ElfError Parse(ElfFileBuilder builder) => Parse(builder.Build());

        [Fact]
        public void TypicalImageIsAcceptedWithEverySegmentInFileOrder()
        {
            Assert.Equal(ElfError.None, ElfParser.Parse(Typical().Build(), out ElfImage image));
            Assert.Equal(TextAddress + 0x10, image.Entry.Value);
            Assert.Equal(3, image.SegmentCount);
            ElfSegment data = image.Segment(2);
            Assert.Equal(TextAddress + 0x2000, data.VirtualAddress.Value);
            Assert.Equal(0x3000UL, data.FileOffset);
            Assert.Equal(0x80UL, data.FileSize);
            Assert.Equal(0x5000UL, data.MemorySize);
            Assert.Equal(ElfSegmentAccess.Read | ElfSegmentAccess.Write, data.Access);
            Assert.Equal(ElfSegmentAccess.Read | ElfSegmentAccess.Execute, image.Segment(0).Access);
            Assert.Equal(ElfSegmentAccess.Read, image.Segment(1).Access);
        }

        [Fact]
        public void SegmentIndexBeyondTheCountThrows()
        {
            ElfParser.Parse(Typical().Build(), out ElfImage image);
            Assert.Throws<System.IndexOutOfRangeException>(() => image.Segment(3));
        }

        [Fact]
        public void SixteenSegmentsAreAcceptedAndSeventeenAreNot()
        {
            ElfFileBuilder builder = new ElfFileBuilder { FileLength = 0x12000 };
            for (uint i = 0; i < ElfImage.MaxSegments; i++)
                builder.AddLoad(0x1000 * (i + 1), TextAddress + 0x1000 * i, 0x100, 0x100, i == 0 ? Read | Execute : Read);
            Assert.Equal(ElfError.None, Parse(builder));
            builder.AddLoad(0x11000, TextAddress + 0x10000, 0x10, 0x10, Read);
            Assert.Equal(ElfError.TooManySegments, Parse(builder));
        }

        [Fact]
        public void SegmentEndingExactlyAtTheUserHalfEndAndFileEndIsAccepted()
        {
            ElfFileBuilder builder = Typical().AddLoad(0x3000, 0x7FFF_FFFF_F000, 0x1000, 0x1000, Read);
            Assert.Equal(ElfError.None, Parse(builder));
        }

        [Fact]
        public void ShortFileIsTruncated() => Assert.Equal(ElfError.TruncatedHeader, Parse(new byte[63]));

        [Fact]
        public void BadMagic() => Assert.Equal(ElfError.BadMagic, Parse(Typical().Patch(f => f[1] = (byte)'e')));

        [Fact]
        public void Elf32IsRefused() => Assert.Equal(ElfError.NotElf64, Parse(Typical().Patch(f => f[4] = 1)));

        [Fact]
        public void BigEndianIsRefused() => Assert.Equal(ElfError.NotLittleEndian, Parse(Typical().Patch(f => f[5] = 2)));

        [Fact]
        public void IdentVersionMustBeCurrent() => Assert.Equal(ElfError.BadVersion, Parse(Typical().Patch(f => f[6] = 0)));

        [Fact]
        public void HeaderVersionMustBeCurrent() => Assert.Equal(ElfError.BadVersion, Parse(Typical().Patch(f => U32(f, 20, 2))));

        [Fact]
        public void UnknownOsAbiIsRefused() => Assert.Equal(ElfError.UnsupportedOsAbi, Parse(Typical().Patch(f => f[7] = 9)));

        [Fact]
        public void GnuOsAbiIsAccepted() => Assert.Equal(ElfError.None, Parse(Typical().Patch(f => f[7] = 3)));

        [Fact]
        public void SharedObjectIsNotExecutable() => Assert.Equal(ElfError.NotExecutable, Parse(Typical().Patch(f => U16(f, 16, 3))));

        [Fact]
        public void OtherMachineIsRefused() => Assert.Equal(ElfError.WrongMachine, Parse(Typical().Patch(f => U16(f, 18, 183))));

        [Fact]
        public void HeaderSizeMustBe64() => Assert.Equal(ElfError.BadHeaderSize, Parse(Typical().Patch(f => U16(f, 52, 52))));

        [Fact]
        public void ProgramHeaderSizeMustBe56() => Assert.Equal(ElfError.BadProgramHeaderSize, Parse(Typical().Patch(f => U16(f, 54, 32))));

        [Fact]
        public void NoProgramHeadersIsABadCount() => Assert.Equal(ElfError.BadProgramHeaderCount, Parse(Typical().Patch(f => U16(f, 56, 0))));

        [Fact]
        public void ExtendedProgramHeaderCountIsRefused() => Assert.Equal(ElfError.BadProgramHeaderCount, Parse(Typical().Patch(f => U16(f, 56, 0xFFFF))));

        [Fact]
        public void ProgramHeaderTablePastTheFileEnd() =>
            Assert.Equal(ElfError.ProgramHeadersOutsideFile, Parse(Typical().Patch(f => U64(f, 32, (ulong)f.Length - 56))));

        [Fact]
        public void ProgramHeaderOffsetThatWouldWrapIsOutsideTheFile() =>
            Assert.Equal(ElfError.ProgramHeadersOutsideFile, Parse(Typical().Patch(f => U64(f, 32, ulong.MaxValue - 8))));

        [Fact]
        public void DynamicSegmentIsRefused() => Assert.Equal(ElfError.DynamicImage, Parse(Typical().Add(new ProgramHeader { Type = 2 })));

        [Fact]
        public void InterpreterIsRefused() => Assert.Equal(ElfError.DynamicImage, Parse(Typical().Add(new ProgramHeader { Type = 3 })));

        [Fact]
        public void ThreadLocalStorageIsUnsupported() => Assert.Equal(ElfError.UnsupportedSegmentType, Parse(Typical().Add(new ProgramHeader { Type = 7 })));

        [Fact]
        public void ExecutableStackIsRefused() =>
            Assert.Equal(ElfError.ExecutableStack, Parse(Typical().Add(new ProgramHeader { Type = GnuStack, Flags = Read | Write | Execute })));

        [Fact]
        public void ImageWithoutLoadSegments() =>
            Assert.Equal(ElfError.NoLoadableSegment, Parse(new ElfFileBuilder().Add(new ProgramHeader { Type = GnuStack, Flags = Read | Write })));

        [Fact]
        public void EmptySegmentIsRefused() => Assert.Equal(ElfError.EmptySegment, Parse(Typical().AddLoad(0x3000, 0x500000, 0, 0, Read)));

        [Fact]
        public void UnknownFlagBitsAreRefused() => Assert.Equal(ElfError.UnknownSegmentFlags, Parse(Typical().AddLoad(0x3000, 0x500000, 0x10, 0x10, Read | 0x00100000)));

        [Fact]
        public void WritableAndExecutableSegmentIsRefused() =>
            Assert.Equal(ElfError.WritableAndExecutable, Parse(Typical().AddLoad(0x3000, 0x500000, 0x10, 0x10, Read | Write | Execute)));

        [Fact]
        public void FileSizeAboveMemorySize() => Assert.Equal(ElfError.FileSizeExceedsMemorySize, Parse(Typical().AddLoad(0x3000, 0x500000, 0x20, 0x10, Read)));

        [Fact]
        public void SegmentRunningPastTheFileEnd() => Assert.Equal(ElfError.SegmentOutsideFile, Parse(Typical().AddLoad(0x3000, 0x500000, 0x1001, 0x2000, Read)));

        [Fact]
        public void SegmentWhoseOffsetPlusSizeWrapsIsOutsideTheFile() =>
            Assert.Equal(ElfError.SegmentOutsideFile, Parse(Typical().AddLoad(0xFFFF_FFFF_FFFF_F000, 0x500000, 0x2000, 0x2000, Read)));

        [Fact]
        public void SegmentReachingIntoTheKernelHalf() =>
            Assert.Equal(ElfError.SegmentOutsideUserHalf, Parse(Typical().AddLoad(0x3000, 0x7FFF_FFFF_F000, 0x10, 0x1001, Read)));

        [Fact]
        public void SegmentAtAKernelAddress() =>
            Assert.Equal(ElfError.SegmentOutsideUserHalf, Parse(Typical().AddLoad(0x3000, 0xFFFF_FFFF_8000_0000, 0x10, 0x10, Read)));

        [Fact]
        public void SegmentWhoseAddressPlusSizeWraps() =>
            Assert.Equal(ElfError.SegmentOutsideUserHalf, Parse(Typical().AddLoad(0x3000, 0x500000, 0x10, ulong.MaxValue - 0x1000, Read)));

        [Fact]
        public void SegmentInPageZero() => Assert.Equal(ElfError.SegmentInPageZero, Parse(Typical().AddLoad(0x3000, 0x0, 0x10, 0x10, Read)));

        [Fact]
        public void SegmentEndingInPageZeroIsStillInPageZero() => Assert.Equal(ElfError.SegmentInPageZero, Parse(Typical().AddLoad(0x3F00, 0xF00, 0x10, 0x10, Read)));

        [Fact]
        public void AddressAndOffsetMustBeCongruentModuloThePage() =>
            Assert.Equal(ElfError.MisalignedSegment, Parse(Typical().AddLoad(0x3010, 0x500000, 0x10, 0x10, Read)));

        [Fact]
        public void AlignmentMustBeAPowerOfTwo() =>
            Assert.Equal(ElfError.BadSegmentAlignment, Parse(Typical().AddLoad(0x3000, 0x500000, 0x10, 0x10, Read, alignment: 0x3000)));

        [Fact]
        public void SegmentsSharingAPageAreRefused() =>
            Assert.Equal(ElfError.OverlappingSegments, Parse(Typical().AddLoad(0x3900, TextAddress + 0x900, 0x10, 0x10, Read)));

        [Fact]
        public void BssRunningIntoTheNextSegmentsPageIsAnOverlap() =>
            Assert.Equal(ElfError.OverlappingSegments, Parse(Typical().AddLoad(0x3000, TextAddress + 0x6000, 0x10, 0x10, Read)));

        [Fact]
        public void SegmentsOnAdjacentPagesDoNotOverlap() =>
            Assert.Equal(ElfError.None, Parse(Typical().AddLoad(0x3000, TextAddress + 0x7000, 0x10, 0x10, Read)));

        [Fact]
        public void EntryOutsideEverySegment() => Assert.Equal(ElfError.EntryNotExecutable, Parse(Typical().Patch(f => U64(f, 24, 0x900000))));

        [Fact]
        public void EntryInANonExecutableSegment() => Assert.Equal(ElfError.EntryNotExecutable, Parse(Typical().Patch(f => U64(f, 24, TextAddress + 0x1000))));

        [Fact]
        public void EntryJustPastTheTextSegment() => Assert.Equal(ElfError.EntryNotExecutable, Parse(Typical().Patch(f => U64(f, 24, TextAddress + 0x800))));
    }
}
