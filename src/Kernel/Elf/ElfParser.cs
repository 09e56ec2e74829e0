// Validates an ELF64 executable for the loader and extracts its entry point and PT_LOAD segments. The
// file is untrusted (a boot module, later anything a program hands over), so every field the loader will
// act on is checked before it is used, with overflow-safe arithmetic, and the first problem found is
// returned as an ElfError. Accepts only what MinimalOS builds: static x86-64 executables whose segments
// lie in the user half above page 0, can be mapped page by page, share no page and obey W^X. It never
// allocates and never touches memory outside the span it is given; section headers are not read.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Elf
{
    public static class ElfParser
    {
        public const int HeaderSize = 64;
        public const int ProgramHeaderSize = 56;

        private const byte ClassElf64 = 2;
        private const byte DataLittleEndian = 1;
        private const byte VersionCurrent = 1;
        private const byte OsAbiSystemV = 0;
        private const byte OsAbiGnu = 3;
        private const ushort TypeExecutable = 2;
        private const ushort MachineX86_64 = 62;

        private const uint SegmentNull = 0;
        private const uint SegmentLoad = 1;
        private const uint SegmentDynamic = 2;
        private const uint SegmentInterpreter = 3;
        private const uint SegmentNote = 4;
        private const uint SegmentProgramHeaders = 6;
        private const uint SegmentGnuEhFrame = 0x6474E550;
        private const uint SegmentGnuStack = 0x6474E551;
        private const uint SegmentGnuRelro = 0x6474E552;
        private const uint SegmentGnuProperty = 0x6474E553;

        private const uint FlagExecute = 1;
        private const uint FlagWrite = 2;
        private const uint FlagRead = 4;
        private const uint KnownFlags = FlagExecute | FlagWrite | FlagRead;

        public static ElfError Parse(ReadOnlySpan<byte> file, out ElfImage image)
        {
            image = default;
            ElfError error = CheckHeader(file);
            if (error != ElfError.None)
                return error;
            ulong programHeaders = LittleEndian.U64(file, 32);
            int count = LittleEndian.U16(file, 56);
            for (int i = 0; i < count; i++)
            {
                error = ReadProgramHeader(file, file.Slice((int)programHeaders + i * ProgramHeaderSize, ProgramHeaderSize), ref image);
                if (error != ElfError.None)
                    return error;
            }
            if (image.SegmentCount == 0)
                return ElfError.NoLoadableSegment;
            error = CheckNoSharedPages(ref image);
            if (error != ElfError.None)
                return error;
            ulong entry = LittleEndian.U64(file, 24);
            if (!IsInExecutableSegment(ref image, entry))
                return ElfError.EntryNotExecutable;
            image.Entry = new VirtualAddress(entry);
            return ElfError.None;
        }

        private static ElfError CheckHeader(ReadOnlySpan<byte> file)
        {
            if (file.Length < HeaderSize)
                return ElfError.TruncatedHeader;
            if (file[0] != 0x7F || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F')
                return ElfError.BadMagic;
            if (file[4] != ClassElf64)
                return ElfError.NotElf64;
            if (file[5] != DataLittleEndian)
                return ElfError.NotLittleEndian;
            if (file[6] != VersionCurrent || LittleEndian.U32(file, 20) != VersionCurrent)
                return ElfError.BadVersion;
            if (file[7] != OsAbiSystemV && file[7] != OsAbiGnu)
                return ElfError.UnsupportedOsAbi;
            if (LittleEndian.U16(file, 16) != TypeExecutable)
                return ElfError.NotExecutable;
            if (LittleEndian.U16(file, 18) != MachineX86_64)
                return ElfError.WrongMachine;
            if (LittleEndian.U16(file, 52) != HeaderSize)
                return ElfError.BadHeaderSize;
            if (LittleEndian.U16(file, 54) != ProgramHeaderSize)
                return ElfError.BadProgramHeaderSize;
            int count = LittleEndian.U16(file, 56);
            if (count == 0 || count > ElfImage.MaxProgramHeaders)
                return ElfError.BadProgramHeaderCount;
            ulong offset = LittleEndian.U64(file, 32);
            if (offset > (ulong)file.Length || !LittleEndian.Fits(file, (long)offset, (long)count * ProgramHeaderSize))
                return ElfError.ProgramHeadersOutsideFile;
            return ElfError.None;
        }

        private static ElfError ReadProgramHeader(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header, ref ElfImage image)
        {
            uint type = LittleEndian.U32(header, 0);
            uint flags = LittleEndian.U32(header, 4);
            switch (type)
            {
                case SegmentLoad:
                    return ReadLoadSegment(file, header, flags, ref image);
                case SegmentDynamic:
                case SegmentInterpreter:
                    return ElfError.DynamicImage;
                case SegmentGnuStack:
                    return (flags & FlagExecute) != 0 ? ElfError.ExecutableStack : ElfError.None;
                case SegmentNull:
                case SegmentNote:
                case SegmentProgramHeaders:
                case SegmentGnuEhFrame:
                case SegmentGnuRelro:
                case SegmentGnuProperty:
                    return ElfError.None;
                default:
                    return ElfError.UnsupportedSegmentType;
            }
        }

        private static ElfError ReadLoadSegment(ReadOnlySpan<byte> file, ReadOnlySpan<byte> header, uint flags, ref ElfImage image)
        {
            ulong offset = LittleEndian.U64(header, 8);
            ulong address = LittleEndian.U64(header, 16);
            ulong fileSize = LittleEndian.U64(header, 32);
            ulong memorySize = LittleEndian.U64(header, 40);
            ulong alignment = LittleEndian.U64(header, 48);
            if (memorySize == 0)
                return ElfError.EmptySegment;
            if ((flags & ~KnownFlags) != 0)
                return ElfError.UnknownSegmentFlags;
            if ((flags & FlagWrite) != 0 && (flags & FlagExecute) != 0)
                return ElfError.WritableAndExecutable;
            if (fileSize > memorySize)
                return ElfError.FileSizeExceedsMemorySize;
            if (offset > (ulong)file.Length || fileSize > (ulong)file.Length - offset)
                return ElfError.SegmentOutsideFile;
            if (address >= KernelMemoryLayout.UserEnd || memorySize > KernelMemoryLayout.UserEnd - address)
                return ElfError.SegmentOutsideUserHalf;
            if (address < PageSize.Small)
                return ElfError.SegmentInPageZero;
            if (address % PageSize.Small != offset % PageSize.Small)
                return ElfError.MisalignedSegment;
            if (alignment > 1 && (alignment & (alignment - 1)) != 0)
                return ElfError.BadSegmentAlignment;
            var segment = new ElfSegment(new VirtualAddress(address), offset, fileSize, memorySize, AccessOf(flags));
            return image.TryAdd(segment) ? ElfError.None : ElfError.TooManySegments;
        }

        private static ElfSegmentAccess AccessOf(uint flags) =>
            ((flags & FlagRead) != 0 ? ElfSegmentAccess.Read : ElfSegmentAccess.None)
            | ((flags & FlagWrite) != 0 ? ElfSegmentAccess.Write : ElfSegmentAccess.None)
            | ((flags & FlagExecute) != 0 ? ElfSegmentAccess.Execute : ElfSegmentAccess.None);

        // Pairwise over at most MaxSegments segments: two that touch the same page would need one frame
        // mapped with two sets of rights.
        private static ElfError CheckNoSharedPages(ref ElfImage image)
        {
            for (int i = 0; i < image.SegmentCount; i++)
            {
                ElfSegment first = image.Segment(i);
                for (int j = i + 1; j < image.SegmentCount; j++)
                {
                    ElfSegment second = image.Segment(j);
                    if (first.FirstPage < second.PagesEnd && second.FirstPage < first.PagesEnd)
                        return ElfError.OverlappingSegments;
                }
            }
            return ElfError.None;
        }

        private static bool IsInExecutableSegment(ref ElfImage image, ulong address)
        {
            for (int i = 0; i < image.SegmentCount; i++)
            {
                ElfSegment segment = image.Segment(i);
                if ((segment.Access & ElfSegmentAccess.Execute) != 0 && segment.Contains(address))
                    return true;
            }
            return false;
        }
    }
}
