// Parses the Multiboot 2 information (EBX at entry when EAX = 0x36D76289): total_size, then 8-byte aligned
// tags of (type, size) until the end tag. Sizes are untrusted: a tag below 8 bytes or running past the end
// stops the walk (nothing after it can be located), a tag too small for its own fields is skipped, and
// unknown tags are skipped. The walk always advances, so it always ends.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class Multiboot2Parser
    {
        public const uint Magic = 0x36D76289;

        /// <summary>Real boot information is a few KiB; a total_size above this is treated as corrupt.</summary>
        public const int MaxTotalSize = 1024 * 1024;

        private const int HeaderLength = 8;
        private const int TagHeaderLength = 8;
        private const int MemoryMapEntryMinimum = 24;
        private const int EfiMemoryDescriptorMinimum = 40;

        private const uint TagEnd = 0;
        private const uint TagCommandLine = 1;
        private const uint TagBootLoaderName = 2;
        private const uint TagModule = 3;
        private const uint TagBasicMemory = 4;
        private const uint TagMemoryMap = 6;
        private const uint TagFramebuffer = 8;
        private const uint TagAcpiOld = 14;
        private const uint TagAcpiNew = 15;
        private const uint TagEfiMemoryMap = 17;

        public static BootInfo Parse(PhysicalAddress address, PhysicalMemoryReader memory)
        {
            ReadOnlySpan<byte> header = memory.Read(address, HeaderLength);
            if (header.Length < HeaderLength)
                return BootInfo.Failed(BootProtocol.Multiboot2, BootInfoError.InformationUnreadable, address.Value);
            var info = new BootInfo(BootProtocol.Multiboot2);
            uint totalSize = LittleEndian.U32(header, 0);
            if (totalSize < HeaderLength + TagHeaderLength)
            {
                info.Warnings.Add(BootWarningCode.TotalSizeTooSmall, BootSubject.TagList, totalSize);
            }
            else
            {
                if (totalSize > MaxTotalSize)
                {
                    info.Warnings.Add(BootWarningCode.TotalSizeTooLarge, BootSubject.TagList, totalSize, MaxTotalSize);
                    totalSize = MaxTotalSize;
                }
                ReadOnlySpan<byte> all = memory.Read(address, (int)totalSize);
                if (all.Length < (int)totalSize)
                    info.Warnings.Add(BootWarningCode.Truncated, BootSubject.TagList, (ulong)all.Length, totalSize);
                info.SetInformationRange(address, (ulong)all.Length);
                WalkTags(all, address.Value, info);
            }
            if (!info.HasRsdp && RsdpScanner.TryFind(memory, info.Warnings, out RsdpInfo rsdp))
                info.SetRsdp(rsdp);
            info.Complete();
            return info;
        }

        private static void WalkTags(ReadOnlySpan<byte> all, ulong baseAddress, BootInfo info)
        {
            ulong seen = 0;
            int offset = HeaderLength;
            while (offset <= all.Length - TagHeaderLength)
            {
                uint type = LittleEndian.U32(all, offset);
                uint size = LittleEndian.U32(all, offset + 4);
                if (size < TagHeaderLength)
                {
                    info.Warnings.Add(BootWarningCode.TagTooSmall, BootSubject.TagList, (ulong)offset, size);
                    return;
                }
                if (size > (uint)(all.Length - offset))
                {
                    info.Warnings.Add(BootWarningCode.TagPastEnd, BootSubject.TagList, (ulong)offset, size);
                    return;
                }
                if (type == TagEnd)
                    return;
                ReadOnlySpan<byte> tag = all.Slice(offset, (int)size);
                ulong tagBit = type < 64 ? 1UL << (int)type : 0;
                bool duplicate = (seen & tagBit) != 0;
                seen |= tagBit;
                ReadTag(type, tag, offset, baseAddress + (ulong)offset, duplicate, info);
                offset += (int)((size + 7) & ~7u);
            }
            info.Warnings.Add(BootWarningCode.MissingEndTag, BootSubject.TagList);
        }

        private static void ReadTag(uint type, ReadOnlySpan<byte> tag, int offset, ulong tagAddress, bool duplicate, BootInfo info)
        {
            ReadOnlySpan<byte> payload = tag.Slice(TagHeaderLength);
            ulong payloadAddress = tagAddress + TagHeaderLength;
            switch (type)
            {
                case TagCommandLine:
                    if (!Duplicate(duplicate, BootSubject.CommandLine, offset, info))
                        info.CommandLine = LoaderStrings.FromTerminated(payload, payloadAddress, BootSubject.CommandLine, info);
                    break;
                case TagBootLoaderName:
                    if (!Duplicate(duplicate, BootSubject.BootLoaderName, offset, info))
                        info.BootLoaderName = LoaderStrings.FromTerminated(payload, payloadAddress, BootSubject.BootLoaderName, info);
                    break;
                case TagModule:
                    ReadModule(tag, offset, tagAddress, info);
                    break;
                case TagBasicMemory:
                    if (!Duplicate(duplicate, BootSubject.BasicMemoryInfo, offset, info) && HasFields(tag, 16, BootSubject.BasicMemoryInfo, offset, info))
                        info.SetBasicMemory(LittleEndian.U32(tag, 8), LittleEndian.U32(tag, 12));
                    break;
                case TagMemoryMap:
                    if (!Duplicate(duplicate, BootSubject.MemoryMap, offset, info) && HasFields(tag, 16, BootSubject.MemoryMap, offset, info))
                        ReadMemoryMap(tag, info);
                    break;
                case TagFramebuffer:
                    if (!Duplicate(duplicate, BootSubject.Framebuffer, offset, info) &&
                        HasFields(tag, TagHeaderLength + MultibootFramebuffer.FieldsLength, BootSubject.Framebuffer, offset, info))
                        MultibootFramebuffer.Read(payload, info);
                    break;
                case TagAcpiOld:
                    // The new tag (ACPI 2.0 RSDP) is preferred; GRUB usually gives both, old first.
                    if (!info.HasRsdp && Rsdp.TryValidate(payload, new PhysicalAddress(payloadAddress), RsdpSource.Multiboot2OldTag, false, info.Warnings, out RsdpInfo oldRsdp))
                        info.SetRsdp(oldRsdp);
                    break;
                case TagAcpiNew:
                    if ((!info.HasRsdp || info.Rsdp.Source != RsdpSource.Multiboot2NewTag) &&
                        Rsdp.TryValidate(payload, new PhysicalAddress(payloadAddress), RsdpSource.Multiboot2NewTag, true, info.Warnings, out RsdpInfo newRsdp))
                        info.SetRsdp(newRsdp);
                    break;
                case TagEfiMemoryMap:
                    if (!Duplicate(duplicate, BootSubject.EfiMemoryMap, offset, info) && HasFields(tag, 16, BootSubject.EfiMemoryMap, offset, info))
                        NoteEfiMemoryMap(tag, info);
                    break;
                default:
                    if (type < 64)
                        info.IgnoredTagTypes |= 1UL << (int)type;
                    break;
            }
        }

        private static bool Duplicate(bool duplicate, BootSubject subject, int offset, BootInfo info)
        {
            if (duplicate)
                info.Warnings.Add(BootWarningCode.DuplicateTag, subject, (ulong)offset);
            return duplicate;
        }

        private static bool HasFields(ReadOnlySpan<byte> tag, int length, BootSubject subject, int offset, BootInfo info)
        {
            if (tag.Length >= length)
                return true;
            info.Warnings.Add(BootWarningCode.TagTooShort, subject, (ulong)offset, (ulong)tag.Length);
            return false;
        }

        // mod_start u32, mod_end u32, then the NUL-terminated string.
        private static void ReadModule(ReadOnlySpan<byte> tag, int offset, ulong tagAddress, BootInfo info)
        {
            if (!HasFields(tag, 16, BootSubject.ModuleList, offset, info))
                return;
            BootText text = LoaderStrings.FromTerminated(tag.Slice(16), tagAddress + 16, BootSubject.ModuleString, info);
            info.Modules.Add(LittleEndian.U32(tag, 8), LittleEndian.U32(tag, 12), text, info.Warnings);
        }

        // entry_size u32, entry_version u32, then entries of (base u64, length u64, type u32, reserved u32) at
        // entry_size strides: a larger entry_size (a future version) is honoured by skipping the extra bytes.
        private static void ReadMemoryMap(ReadOnlySpan<byte> tag, BootInfo info)
        {
            uint entrySize = LittleEndian.U32(tag, 8);
            uint entryVersion = LittleEndian.U32(tag, 12);
            if (entrySize < MemoryMapEntryMinimum)
            {
                info.Warnings.Add(BootWarningCode.EntrySizeTooSmall, BootSubject.MemoryMap, entrySize, MemoryMapEntryMinimum);
                return;
            }
            if (entryVersion != 0)
                info.Warnings.Add(BootWarningCode.UnknownEntryVersion, BootSubject.MemoryMap, entryVersion);
            ReadOnlySpan<byte> entries = tag.Slice(16);
            int count = (int)((uint)entries.Length / entrySize);
            int leftover = (int)((uint)entries.Length % entrySize);
            if (leftover != 0)
                info.Warnings.Add(BootWarningCode.TrailingBytes, BootSubject.MemoryMap, (ulong)leftover);
            for (int i = 0; i < count; i++)
            {
                int entry = (int)((uint)i * entrySize);
                uint type = LittleEndian.U32(entries, entry + 16);
                info.MemoryMap.Add(LittleEndian.U64(entries, entry), LittleEndian.U64(entries, entry + 8),
                    MultibootMemoryType.ToKind(type), type, info.Warnings);
            }
        }

        // Only noted: the Multiboot memory map tag already describes the same memory in the kernel's terms.
        private static void NoteEfiMemoryMap(ReadOnlySpan<byte> tag, BootInfo info)
        {
            uint descriptorSize = LittleEndian.U32(tag, 8);
            if (descriptorSize < EfiMemoryDescriptorMinimum)
            {
                info.Warnings.Add(BootWarningCode.EntrySizeTooSmall, BootSubject.EfiMemoryMap, descriptorSize, EfiMemoryDescriptorMinimum);
                return;
            }
            info.EfiMemoryMapDescriptors = (int)((uint)(tag.Length - 16) / descriptorSize);
        }
    }
}
