// Finds the frame description (FDE, with its CIE) that covers a code address in an .eh_frame section, the
// call-frame information ilc emits for every managed method. The section is parsed as untrusted bytes: a
// malformed or unsupported entry ends the search (no frame found) instead of being guessed at. Only what
// unwinding needs is decoded; personality routines and LSDAs are skipped.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public readonly ref struct EhFrameSection
    {
        private const uint ExtendedLengthMarker = 0xFFFFFFFF;
        private const int MaxAugmentationLength = 16;

        // DW_EH_PE_*: the low nibble is the value format, the high nibble how it is applied.
        private const byte FormatAbsolute = 0x00;
        private const byte FormatUleb128 = 0x01;
        private const byte FormatUData2 = 0x02;
        private const byte FormatUData4 = 0x03;
        private const byte FormatUData8 = 0x04;
        private const byte FormatSleb128 = 0x09;
        private const byte FormatSData2 = 0x0A;
        private const byte FormatSData4 = 0x0B;
        private const byte FormatSData8 = 0x0C;
        private const byte ApplicationAbsolute = 0x00;
        private const byte ApplicationPcRelative = 0x10;

        private readonly ReadOnlySpan<byte> _bytes;
        private readonly ulong _address;

        /// <param name="bytes">The section's contents.</param>
        /// <param name="address">Where the section is loaded (pc-relative pointers are relative to it).</param>
        public EhFrameSection(ReadOnlySpan<byte> bytes, ulong address)
        {
            _bytes = bytes;
            _address = address;
        }

        /// <summary>Finds the FDE whose code range contains <paramref name="pc"/>.</summary>
        public bool TryFindFrame(ulong pc, out FrameDescription frame)
        {
            frame = default;
            int position = 0;
            // Consecutive FDEs usually share one CIE (ilc emits a single one): parse it once.
            int cachedCiePosition = -1;
            CommonInformation cie = default;
            while (position + 4 <= _bytes.Length)
            {
                var reader = new ByteReader(_bytes, position);
                uint length = reader.ReadUInt32();
                if (length == 0)
                    return false;
                if (length == ExtendedLengthMarker || length > (uint)(_bytes.Length - reader.Position))
                    return false;
                int idPosition = reader.Position;
                int end = idPosition + (int)length;
                uint cieDistance = reader.ReadUInt32();
                if (cieDistance != 0)
                {
                    if (cieDistance > (uint)idPosition)
                        return false;
                    int ciePosition = idPosition - (int)cieDistance;
                    if (ciePosition != cachedCiePosition)
                    {
                        if (!TryReadCommonInformation(ciePosition, out cie))
                            return false;
                        cachedCiePosition = ciePosition;
                    }
                    var fdeReader = new ByteReader(_bytes.Slice(0, end), reader.Position);
                    if (!TryReadEncoded(ref fdeReader, cie.PointerEncoding, out ulong begin))
                        return false;
                    if (!TryReadEncoded(ref fdeReader, (byte)(cie.PointerEncoding & 0x0F), out ulong range))
                        return false;
                    if (pc >= begin && pc - begin < range)
                        return TryDescribe(ref fdeReader, in cie, begin, range, end, out frame);
                }
                position = end;
            }
            return false;
        }

        private bool TryDescribe(scoped ref ByteReader reader, scoped in CommonInformation cie, ulong begin, ulong range, int end,
            out FrameDescription frame)
        {
            frame = default;
            if (cie.HasAugmentationData)
                reader.Skip(reader.ReadUnsignedLeb128());
            if (reader.Failed)
                return false;
            frame = new FrameDescription(begin, begin + range, cie.CodeAlignment, cie.DataAlignment,
                cie.ReturnAddressRegister, cie.Instructions, _bytes.Slice(reader.Position, end - reader.Position));
            return true;
        }

        private bool TryReadCommonInformation(int position, out CommonInformation cie)
        {
            cie = default;
            var reader = new ByteReader(_bytes, position);
            uint length = reader.ReadUInt32();
            if (reader.Failed || length == ExtendedLengthMarker || length > (uint)(_bytes.Length - reader.Position))
                return false;
            int end = reader.Position + (int)length;
            reader = new ByteReader(_bytes.Slice(0, end), reader.Position);
            uint id = reader.ReadUInt32();
            byte version = reader.ReadByte();
            ReadOnlySpan<byte> augmentation = reader.ReadTerminatedString(MaxAugmentationLength);
            if (reader.Failed || id != 0 || (version != 1 && version != 3))
                return false;
            cie.CodeAlignment = reader.ReadUnsignedLeb128();
            cie.DataAlignment = reader.ReadSignedLeb128();
            cie.ReturnAddressRegister = version == 1 ? reader.ReadByte() : reader.ReadUnsignedLeb128();
            cie.PointerEncoding = FormatAbsolute;
            if (augmentation.Length > 0)
            {
                // Only the 'z' family is self-describing; anything else could hide fields we cannot skip.
                if (augmentation[0] != (byte)'z')
                    return false;
                cie.HasAugmentationData = true;
                ulong dataLength = reader.ReadUnsignedLeb128();
                if (reader.Failed || dataLength > (ulong)(end - reader.Position))
                    return false;
                int dataEnd = reader.Position + (int)dataLength;
                for (int i = 1; i < augmentation.Length && !reader.Failed; i++)
                {
                    byte letter = augmentation[i];
                    if (letter == (byte)'R')
                    {
                        cie.PointerEncoding = reader.ReadByte();
                    }
                    else if (letter == (byte)'L')
                    {
                        reader.ReadByte();
                    }
                    else if (letter == (byte)'P')
                    {
                        byte personalityEncoding = reader.ReadByte();
                        if (!TryReadEncoded(ref reader, personalityEncoding, out _))
                            return false;
                    }
                    else if (letter != (byte)'S')
                    {
                        break;
                    }
                }
                if (reader.Failed || reader.Position > dataEnd)
                    return false;
                reader = new ByteReader(_bytes.Slice(0, end), dataEnd);
            }
            if (reader.Failed)
                return false;
            cie.Instructions = _bytes.Slice(reader.Position, end - reader.Position);
            return true;
        }

        // Reads a pointer in DW_EH_PE encoding; pc-relative values are relative to where they are stored.
        private bool TryReadEncoded(ref ByteReader reader, byte encoding, out ulong value)
        {
            value = 0;
            ulong storedAt = _address + (ulong)reader.Position;
            switch (encoding & 0x0F)
            {
                case FormatAbsolute: value = reader.ReadUInt64(); break;
                case FormatUleb128: value = reader.ReadUnsignedLeb128(); break;
                case FormatUData2: value = reader.ReadUInt16(); break;
                case FormatUData4: value = reader.ReadUInt32(); break;
                case FormatUData8: value = reader.ReadUInt64(); break;
                case FormatSleb128: value = (ulong)reader.ReadSignedLeb128(); break;
                case FormatSData2: value = (ulong)(long)(short)reader.ReadUInt16(); break;
                case FormatSData4: value = (ulong)(long)(int)reader.ReadUInt32(); break;
                case FormatSData8: value = reader.ReadUInt64(); break;
                default: return false;
            }
            switch (encoding & 0x70)
            {
                case ApplicationAbsolute: break;
                case ApplicationPcRelative: value += storedAt; break;
                default: return false;
            }
            // Indirect pointers would need a memory read at an address we cannot trust.
            return !reader.Failed && (encoding & 0x80) == 0;
        }

        private ref struct CommonInformation
        {
            public ulong CodeAlignment;
            public long DataAlignment;
            public ulong ReturnAddressRegister;
            public byte PointerEncoding;
            public bool HasAugmentationData;
            public ReadOnlySpan<byte> Instructions;
        }
    }
}
