// Finds the \_S5_ (soft-off) package in AML without an AML interpreter: it looks for the byte pattern
// NameOp ['\'] "_S5_" PackageOp PkgLength NumElements and decodes the first two elements when they are
// integer constants (ZeroOp, OneOp, or Byte/Word/DWord prefixes). Every byte read is bounds-checked against
// the AML given and against the package's own length; anything else (methods, references, garbage) is not
// guessed at: the scan moves on and finally reports "not found". It never evaluates or executes AML.
using System;

namespace MinimalOS.Kernel.Acpi
{
    public static class AmlS5Scanner
    {
        private const byte NameOp = 0x08;
        private const byte RootPrefix = 0x5C;
        private const byte PackageOp = 0x12;
        private const byte ZeroOp = 0x00;
        private const byte OneOp = 0x01;
        private const byte BytePrefix = 0x0A;
        private const byte WordPrefix = 0x0B;
        private const byte DWordPrefix = 0x0C;

        /// <summary>SLP_TYP is a 3-bit field; larger values cannot be right.</summary>
        private const uint MaxSleepType = 7;

        /// <summary>Scans <paramref name="aml"/> (a DSDT's body, after the 36-byte header) for \_S5_.</summary>
        public static bool TryFind(ReadOnlySpan<byte> aml, out SleepTypeValues s5)
        {
            for (int i = 1; i + 4 <= aml.Length; i++)
            {
                if (aml[i] != '_' || aml[i + 1] != 'S' || aml[i + 2] != '5' || aml[i + 3] != '_')
                    continue;
                bool named = aml[i - 1] == NameOp || (aml[i - 1] == RootPrefix && i >= 2 && aml[i - 2] == NameOp);
                if (named && TryDecodePackage(aml, i + 4, out s5))
                    return true;
            }
            s5 = default;
            return false;
        }

        private static bool TryDecodePackage(ReadOnlySpan<byte> aml, int offset, out SleepTypeValues s5)
        {
            s5 = default;
            if (offset >= aml.Length || aml[offset] != PackageOp)
                return false;
            int lengthStart = offset + 1;
            if (!TryReadPackageLength(aml, lengthStart, out int packageLength, out int lengthBytes))
                return false;
            // PkgLength counts itself and the package contents, not the PackageOp.
            if (packageLength > aml.Length - lengthStart)
                return false;
            ReadOnlySpan<byte> package = aml.Slice(lengthStart, packageLength);
            int cursor = lengthBytes;
            if (cursor >= package.Length || package[cursor] < 2)
                return false;
            cursor++;
            if (!TryReadSmallInteger(package, ref cursor, out uint typeA) || !TryReadSmallInteger(package, ref cursor, out uint typeB))
                return false;
            s5 = new SleepTypeValues((byte)typeA, (byte)typeB);
            return true;
        }

        /// <summary>PkgLength: bits 7-6 of the lead byte give 0-3 follow bytes; with none, bits 5-0 are the
        /// length; otherwise bits 3-0 are the low nibble and each follow byte adds 8 more bits.</summary>
        private static bool TryReadPackageLength(ReadOnlySpan<byte> aml, int offset, out int length, out int encodedBytes)
        {
            length = 0;
            encodedBytes = 0;
            if (offset >= aml.Length)
                return false;
            byte lead = aml[offset];
            int follow = lead >> 6;
            if (follow > aml.Length - offset - 1)
                return false;
            if (follow == 0)
            {
                length = lead & 0x3F;
            }
            else
            {
                if ((lead & 0x30) != 0)
                    return false;
                length = lead & 0x0F;
                for (int i = 0; i < follow; i++)
                    length |= aml[offset + 1 + i] << (4 + 8 * i);
            }
            encodedBytes = follow + 1;
            return length >= encodedBytes;
        }

        private static bool TryReadSmallInteger(ReadOnlySpan<byte> package, ref int cursor, out uint value)
        {
            value = 0;
            if (cursor >= package.Length)
                return false;
            byte opcode = package[cursor++];
            int size;
            switch (opcode)
            {
                case ZeroOp:
                    return true;
                case OneOp:
                    value = 1;
                    return true;
                case BytePrefix: size = 1; break;
                case WordPrefix: size = 2; break;
                case DWordPrefix: size = 4; break;
                default: return false;
            }
            if (size > package.Length - cursor)
                return false;
            for (int i = 0; i < size; i++)
                value |= (uint)package[cursor + i] << (8 * i);
            cursor += size;
            return value <= MaxSleepType;
        }
    }
}
