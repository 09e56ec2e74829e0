// Tests of the .eh_frame parser on crafted CIE/FDE bytes: lookups, pointer encodings, augmentations, and
// corrupt or truncated sections (which must fail cleanly, never throw).
using System;
using MinimalOS.Kernel.Diagnostics;
using Xunit;
using static MinimalOS.Tests.Host.Diagnostics.EhFrameBuilder;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class EhFrameSectionTests
    {
        private const ulong SectionAddress = 0xFFFFFFFF80104000;
        private const ulong CodeA = 0xFFFFFFFF80101000;
        private const ulong CodeB = 0xFFFFFFFF80101100;

        private static byte[] TwoFunctions(string augmentation = "zLR", byte encoding = PcRelativeSData4)
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions, augmentation, encoding);
            b.AddFde(cie, CodeA, 0x40, AdvanceLoc | 1, DefCfaOffset, 16);
            b.AddFde(cie, CodeB, 0x20);
            return b.Build();
        }

        private static bool Find(byte[] bytes, ulong pc, out ulong begin, out ulong end)
        {
            var section = new EhFrameSection(bytes, SectionAddress);
            bool found = section.TryFindFrame(pc, out FrameDescription frame);
            begin = frame.PcBegin;
            end = frame.PcEnd;
            return found;
        }

        [Theory]
        [InlineData("zLR", PcRelativeSData4)]
        [InlineData("zR", PcRelativeSData4)]
        [InlineData("zR", AbsoluteUData8)]
        [InlineData("zPLR", PcRelativeSData4)]
        public void FindsTheFrameCoveringAnAddress(string augmentation, byte encoding)
        {
            byte[] bytes = TwoFunctions(augmentation, encoding);
            Assert.True(Find(bytes, CodeA, out ulong begin, out ulong end));
            Assert.Equal(CodeA, begin);
            Assert.Equal(CodeA + 0x40, end);
            Assert.True(Find(bytes, CodeA + 0x3F, out begin, out _));
            Assert.Equal(CodeA, begin);
            Assert.True(Find(bytes, CodeB + 0x10, out begin, out _));
            Assert.Equal(CodeB, begin);
        }

        [Theory]
        [InlineData(CodeA - 1)]
        [InlineData(CodeA + 0x40)]
        [InlineData(CodeB + 0x20)]
        [InlineData(0UL)]
        public void FindsNothingOutsideEveryFrame(ulong pc) => Assert.False(Find(TwoFunctions(), pc, out _, out _));

        [Fact]
        public void DescribesTheCieAndFde()
        {
            var section = new EhFrameSection(TwoFunctions(), SectionAddress);
            Assert.True(section.TryFindFrame(CodeA + 4, out FrameDescription frame));
            Assert.Equal(1UL, frame.CodeAlignment);
            Assert.Equal(-8L, frame.DataAlignment);
            Assert.Equal(16UL, frame.ReturnAddressRegister);
            Assert.Equal(X64InitialInstructions, frame.InitialInstructions.Slice(0, X64InitialInstructions.Length).ToArray());
            Assert.Equal(new byte[] { AdvanceLoc | 1, DefCfaOffset, 16 }, frame.Instructions.Slice(0, 3).ToArray());
        }

        [Fact]
        public void ReadsVersionThreeCies()
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions, "zR", PcRelativeSData4, returnAddressRegister: 16, version: 3);
            b.AddFde(cie, CodeA, 0x10);
            var section = new EhFrameSection(b.Build(), SectionAddress);
            Assert.True(section.TryFindFrame(CodeA, out FrameDescription frame));
            Assert.Equal(16UL, frame.ReturnAddressRegister);
        }

        [Fact]
        public void UsesEachFdesOwnCie()
        {
            var b = new EhFrameBuilder(SectionAddress);
            int absolute = b.AddCie(X64InitialInstructions, "zR", AbsoluteUData8);
            int relative = b.AddCie(X64InitialInstructions, "zR", PcRelativeSData4);
            b.AddFde(absolute, CodeA, 0x10);
            b.AddFde(relative, CodeB, 0x10);
            byte[] bytes = b.Build();
            Assert.True(Find(bytes, CodeA + 1, out ulong begin, out _));
            Assert.Equal(CodeA, begin);
            Assert.True(Find(bytes, CodeB + 1, out begin, out _));
            Assert.Equal(CodeB, begin);
        }

        [Fact]
        public void StopsAtTheTerminator()
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions);
            b.AddFde(cie, CodeA, 0x10);
            b.AddRaw(new byte[4]);
            b.AddFde(cie, CodeB, 0x10);
            byte[] bytes = b.Build();
            Assert.True(Find(bytes, CodeA, out _, out _));
            Assert.False(Find(bytes, CodeB, out _, out _));
        }

        [Theory]
        [InlineData("eh")]        // pre-"z" GCC augmentation: fields we cannot size
        [InlineData("zX")]        // unknown letter is skipped thanks to 'z'... but no 'R' then means absolute
        public void HandlesAugmentations(string augmentation)
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions, augmentation, AbsoluteUData8);
            b.AddFde(cie, CodeA, 0x10);
            bool found = Find(b.Build(), CodeA, out _, out _);
            Assert.Equal(augmentation == "zX", found);
        }

        [Theory]
        [InlineData((byte)0x50)]   // DW_EH_PE_aligned
        [InlineData((byte)0x9B)]   // indirect pc-relative sdata4
        [InlineData((byte)0x0F)]   // no such format
        [InlineData((byte)0xFF)]   // omit: an FDE must have an address
        public void RefusesPointerEncodingsItCannotDecode(byte encoding)
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions, "zR", encoding);
            b.AddFde(cie, CodeA, 0x10);
            Assert.False(Find(b.Build(), CodeA, out _, out _));
        }

        [Fact]
        public void SurvivesEveryTruncation()
        {
            byte[] bytes = TwoFunctions();
            for (int length = 0; length < bytes.Length; length++)
            {
                var section = new EhFrameSection(bytes.AsSpan(0, length), SectionAddress);
                section.TryFindFrame(CodeB, out _);
            }
        }

        [Fact]
        public void SurvivesEverySingleByteCorruption()
        {
            byte[] original = TwoFunctions();
            for (int i = 0; i < original.Length; i++)
            {
                foreach (byte value in new byte[] { 0x00, 0x7F, 0x80, 0xFF })
                {
                    byte[] bytes = (byte[])original.Clone();
                    bytes[i] = value;
                    var section = new EhFrameSection(bytes, SectionAddress);
                    if (section.TryFindFrame(CodeA + 2, out FrameDescription frame))
                        CallFrameInstructions.TryComputeRow(in frame, CodeA + 2, out _);
                }
            }
        }

        [Fact]
        public void RefusesAnFdeWhoseCiePointerLeavesTheSection()
        {
            var b = new EhFrameBuilder(SectionAddress);
            b.AddRaw(new byte[] { 12, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            Assert.False(Find(b.Build(), CodeA, out _, out _));
        }

        [Fact]
        public void RefusesSixtyFourBitLengths()
        {
            var b = new EhFrameBuilder(SectionAddress);
            b.AddRaw(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 8, 0, 0, 0, 0, 0, 0, 0 });
            Assert.False(Find(b.Build(), CodeA, out _, out _));
        }
    }
}
