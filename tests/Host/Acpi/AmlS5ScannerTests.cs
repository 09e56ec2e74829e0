// Host tests of the \_S5_ AML scan: the encodings firmware uses (ZeroOp/OneOp, BytePrefix, WordPrefix, root
// prefix, multi-byte PkgLength), and everything that must not be taken for a package (no NameOp, a method,
// truncation at every point, out-of-range values, garbage).
using System;
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class AmlS5ScannerTests
    {
        private static readonly byte[] S5 = { (byte)'_', (byte)'S', (byte)'5', (byte)'_' };

        private static byte[] Aml(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
                length += part.Length;
            var aml = new byte[length];
            int offset = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(aml, offset);
                offset += part.Length;
            }
            return aml;
        }

        private static byte[] Bytes(params byte[] bytes) => bytes;

        [Fact]
        public void FindsQemusZeroPackage()
        {
            // Name (_S5, Package (0x04) { Zero, Zero, Zero, Zero }) after some unrelated AML.
            byte[] aml = Aml(Bytes(0x10, 0x05, 0x5C, 0x00, 0x00), Bytes(0x08), S5, Bytes(0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00));
            Assert.True(AmlS5Scanner.TryFind(aml, out SleepTypeValues s5));
            Assert.Equal(0, s5.TypeA);
            Assert.Equal(0, s5.TypeB);
        }

        [Fact]
        public void DecodesBytePrefixAndOneOp()
        {
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x05, 0x02, 0x0A, 0x07, 0x01));
            Assert.True(AmlS5Scanner.TryFind(aml, out SleepTypeValues s5));
            Assert.Equal(7, s5.TypeA);
            Assert.Equal(1, s5.TypeB);
        }

        [Fact]
        public void DecodesWordPrefixAndTheRootPrefix()
        {
            byte[] aml = Aml(Bytes(0x08, 0x5C), S5, Bytes(0x12, 0x07, 0x02, 0x0B, 0x05, 0x00, 0x0A, 0x05));
            Assert.True(AmlS5Scanner.TryFind(aml, out SleepTypeValues s5));
            Assert.Equal(5, s5.TypeA);
            Assert.Equal(5, s5.TypeB);
        }

        [Fact]
        public void DecodesATwoBytePackageLength()
        {
            // PkgLength 0x47 0x00: one follow byte, length 7 (the two length bytes, the count, two elements).
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x47, 0x00, 0x02, 0x0A, 0x03, 0x0A, 0x04));
            Assert.True(AmlS5Scanner.TryFind(aml, out SleepTypeValues s5));
            Assert.Equal(3, s5.TypeA);
            Assert.Equal(4, s5.TypeB);
        }

        [Fact]
        public void NameWithoutNameOpIsNotTheObject()
        {
            byte[] aml = Aml(Bytes(0x70), S5, Bytes(0x12, 0x06, 0x02, 0x0A, 0x05, 0x0A, 0x05));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void MethodNamedS5IsNotDecoded()
        {
            byte[] aml = Aml(Bytes(0x14, 0x08), S5, Bytes(0x00, 0xA4, 0x00));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void LaterGoodOccurrenceIsFoundAfterABadOne()
        {
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x0A, 0x01), Bytes(0x08), S5, Bytes(0x12, 0x06, 0x02, 0x0A, 0x02, 0x0A, 0x03));
            Assert.True(AmlS5Scanner.TryFind(aml, out SleepTypeValues s5));
            Assert.Equal(2, s5.TypeA);
            Assert.Equal(3, s5.TypeB);
        }

        [Fact]
        public void SleepTypeAboveSevenIsRejected()
        {
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x06, 0x02, 0x0A, 0x08, 0x00));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void OnesOpAndOtherTermsAreNotGuessedAt()
        {
            Assert.False(AmlS5Scanner.TryFind(Aml(Bytes(0x08), S5, Bytes(0x12, 0x05, 0x02, 0xFF, 0x00)), out _));
            Assert.False(AmlS5Scanner.TryFind(Aml(Bytes(0x08), S5, Bytes(0x12, 0x07, 0x02, 0x5C, 0x41, 0x42, 0x00)), out _));
        }

        [Fact]
        public void PackageWithFewerThanTwoElementsIsRejected()
        {
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x04, 0x01, 0x0A, 0x05));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void PackageLengthPastTheAmlIsRejected()
        {
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x30, 0x02, 0x0A, 0x05, 0x0A, 0x05));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void ElementsPastThePackageLengthAreRejected()
        {
            // The package claims 3 bytes (length byte, count, BytePrefix): its value byte lies outside.
            byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12, 0x03, 0x02, 0x0A, 0x05, 0x0A, 0x05));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void EveryTruncationOfAGoodPackageIsRejectedSafely()
        {
            byte[] good = Aml(Bytes(0x08), S5, Bytes(0x12, 0x07, 0x02, 0x0B, 0x05, 0x00, 0x0A, 0x05));
            Assert.True(AmlS5Scanner.TryFind(good, out _));
            for (int length = 0; length < good.Length; length++)
                Assert.False(AmlS5Scanner.TryFind(good.AsSpan(0, length), out _));
        }

        [Fact]
        public void NameAtTheVeryStartHasNoRoomForANameOp()
        {
            byte[] aml = Aml(S5, Bytes(0x12, 0x06, 0x02, 0x0A, 0x05, 0x0A, 0x05));
            Assert.False(AmlS5Scanner.TryFind(aml, out _));
        }

        [Fact]
        public void RandomBytesAroundTheNameNeverThrow()
        {
            var random = new Random(5);
            for (int round = 0; round < 5000; round++)
            {
                var tail = new byte[random.Next(0, 12)];
                random.NextBytes(tail);
                byte[] aml = Aml(Bytes(0x08), S5, Bytes(0x12), tail);
                if (AmlS5Scanner.TryFind(aml, out SleepTypeValues s5))
                {
                    Assert.InRange(s5.TypeA, 0, 7);
                    Assert.InRange(s5.TypeB, 0, 7);
                }
            }
        }
    }
}
