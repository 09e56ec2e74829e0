// Parses the Multiboot 1 information structure (EBX at entry when EAX = 0x2BADB002). Each field is used only
// when its flag bit is set and its bytes were readable; every address in it is untrusted and read through
// PhysicalMemoryReader with a bound. Multiboot 1 has no RSDP field, so the RSDP is found by scanning BIOS memory.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class Multiboot1Parser
    {
        public const uint Magic = 0x2BADB002;

        /// <summary>A memory map longer than this is corrupt (it would hold over 2,700 entries).</summary>
        public const int MaxMemoryMapBytes = 64 * 1024;

        private const uint FlagMemory = 1 << 0;
        private const uint FlagBootDevice = 1 << 1;
        private const uint FlagCommandLine = 1 << 2;
        private const uint FlagModules = 1 << 3;
        private const uint FlagSymbols = 3 << 4;
        private const uint FlagMemoryMap = 1 << 6;
        private const uint FlagDrives = 1 << 7;
        private const uint FlagConfigTable = 1 << 8;
        private const uint FlagBootLoaderName = 1 << 9;
        private const uint FlagApmTable = 1 << 10;
        private const uint FlagVbe = 1 << 11;
        private const uint FlagFramebuffer = 1 << 12;

        private const int MemLowerOffset = 4;
        private const int MemUpperOffset = 8;
        private const int CommandLineOffset = 16;
        private const int ModulesCountOffset = 20;
        private const int ModulesAddressOffset = 24;
        private const int MemoryMapLengthOffset = 44;
        private const int MemoryMapAddressOffset = 48;
        private const int BootLoaderNameOffset = 64;
        private const int FramebufferOffset = 88;
        private const int FullLength = 118;

        private const int ModuleEntryLength = 16;
        private const int MemoryMapEntryMinimum = 20;

        public static BootInfo Parse(PhysicalAddress address, PhysicalMemoryReader memory)
        {
            ReadOnlySpan<byte> flagsBytes = memory.Read(address, 4);
            if (flagsBytes.Length < 4)
                return BootInfo.Failed(BootProtocol.Multiboot1, BootInfoError.InformationUnreadable, address.Value);
            uint flags = LittleEndian.U32(flagsBytes, 0);
            int needed = RequiredLength(flags);
            ReadOnlySpan<byte> fields = memory.Read(address, needed);

            var info = new BootInfo(BootProtocol.Multiboot1);
            info.SetInformationRange(address, (ulong)fields.Length);
            if (fields.Length < needed)
                info.Warnings.Add(BootWarningCode.Truncated, BootSubject.BootInformation, (ulong)fields.Length, (ulong)needed);
            if (Has(flags, FlagMemory, fields, MemUpperOffset + 4))
                info.SetBasicMemory(LittleEndian.U32(fields, MemLowerOffset), LittleEndian.U32(fields, MemUpperOffset));
            if (Has(flags, FlagCommandLine, fields, CommandLineOffset + 4))
                info.CommandLine = LoaderStrings.Read(memory, LittleEndian.U32(fields, CommandLineOffset), LoaderStrings.MaxCommandLine, BootSubject.CommandLine, info);
            if (Has(flags, FlagModules, fields, ModulesAddressOffset + 4))
                ReadModules(LittleEndian.U32(fields, ModulesCountOffset), LittleEndian.U32(fields, ModulesAddressOffset), memory, info);
            if (Has(flags, FlagMemoryMap, fields, MemoryMapAddressOffset + 4))
                ReadMemoryMap(LittleEndian.U32(fields, MemoryMapLengthOffset), LittleEndian.U32(fields, MemoryMapAddressOffset), memory, info);
            if (Has(flags, FlagBootLoaderName, fields, BootLoaderNameOffset + 4))
                info.BootLoaderName = LoaderStrings.Read(memory, LittleEndian.U32(fields, BootLoaderNameOffset), LoaderStrings.MaxBootLoaderName, BootSubject.BootLoaderName, info);
            info.CommandLineStartsWithImageName = info.BootLoaderName.Span.SequenceEqual("qemu");
            if (Has(flags, FlagFramebuffer, fields, FramebufferOffset + MultibootFramebuffer.FieldsLength))
                MultibootFramebuffer.Read(fields.Slice(FramebufferOffset), info);
            if (RsdpScanner.TryFind(memory, info.Warnings, out RsdpInfo rsdp))
                info.SetRsdp(rsdp);
            info.Complete();
            return info;
        }

        private static bool Has(uint flags, uint flag, ReadOnlySpan<byte> fields, int fieldsEnd) =>
            (flags & flag) != 0 && fields.Length >= fieldsEnd;

        // The structure ends with its highest flagged field (each value below is the end of that flag's
        // fields); reading further could run out of readable memory.
        private static int RequiredLength(uint flags)
        {
            if ((flags & FlagFramebuffer) != 0) return FullLength;
            if ((flags & FlagVbe) != 0) return 88;
            if ((flags & FlagApmTable) != 0) return 72;
            if ((flags & FlagBootLoaderName) != 0) return 68;
            if ((flags & FlagConfigTable) != 0) return 64;
            if ((flags & FlagDrives) != 0) return 60;
            if ((flags & FlagMemoryMap) != 0) return 52;
            if ((flags & FlagSymbols) != 0) return 44;
            if ((flags & FlagModules) != 0) return 28;
            if ((flags & FlagCommandLine) != 0) return 20;
            if ((flags & FlagBootDevice) != 0) return 16;
            if ((flags & FlagMemory) != 0) return 12;
            return 4;
        }

        private static void ReadModules(uint count, uint tableAddress, PhysicalMemoryReader memory, BootInfo info)
        {
            if (count == 0)
                return;
            if (tableAddress == 0)
            {
                info.Warnings.Add(BootWarningCode.NullAddress, BootSubject.ModuleList);
                return;
            }
            int toRead = count < BootModules.Capacity ? (int)count : BootModules.Capacity;
            ReadOnlySpan<byte> table = memory.Read(new PhysicalAddress(tableAddress), toRead * ModuleEntryLength);
            if (table.Length == 0)
            {
                info.Warnings.Add(BootWarningCode.Unreadable, BootSubject.ModuleList, tableAddress, (ulong)(toRead * ModuleEntryLength));
                return;
            }
            if (table.Length < toRead * ModuleEntryLength)
            {
                info.Warnings.Add(BootWarningCode.Truncated, BootSubject.ModuleList, (ulong)table.Length, (ulong)(toRead * ModuleEntryLength));
                toRead = table.Length / ModuleEntryLength;
            }
            for (int i = 0; i < toRead; i++)
            {
                int entry = i * ModuleEntryLength;
                uint stringAddress = LittleEndian.U32(table, entry + 8);
                BootText text = stringAddress == 0
                    ? default
                    : LoaderStrings.Read(memory, stringAddress, LoaderStrings.MaxModuleString, BootSubject.ModuleString, info);
                info.Modules.Add(LittleEndian.U32(table, entry), LittleEndian.U32(table, entry + 4), text, info.Warnings);
            }
            info.Modules.CountUnread(count - (uint)toRead);
        }

        // Entries are variable-sized: each starts with a size field that does not count itself.
        private static void ReadMemoryMap(uint length, uint mapAddress, PhysicalMemoryReader memory, BootInfo info)
        {
            if (length == 0)
                return;
            if (mapAddress == 0)
            {
                info.Warnings.Add(BootWarningCode.NullAddress, BootSubject.MemoryMap);
                return;
            }
            if (length > MaxMemoryMapBytes)
            {
                info.Warnings.Add(BootWarningCode.ValueOutOfRange, BootSubject.MemoryMap, length, MaxMemoryMapBytes);
                length = MaxMemoryMapBytes;
            }
            ReadOnlySpan<byte> map = memory.Read(new PhysicalAddress(mapAddress), (int)length);
            if (map.Length == 0)
            {
                info.Warnings.Add(BootWarningCode.Unreadable, BootSubject.MemoryMap, mapAddress, length);
                return;
            }
            if (map.Length < (int)length)
                info.Warnings.Add(BootWarningCode.Truncated, BootSubject.MemoryMap, (ulong)map.Length, length);
            int offset = 0;
            for (ulong index = 0; offset < map.Length; index++)
            {
                if (!LittleEndian.Fits(map, offset, 4))
                {
                    info.Warnings.Add(BootWarningCode.EntryPastEnd, BootSubject.MemoryMap, index);
                    return;
                }
                uint size = LittleEndian.U32(map, offset);
                if (size < MemoryMapEntryMinimum)
                {
                    info.Warnings.Add(BootWarningCode.EntryTooSmall, BootSubject.MemoryMap, index, size);
                    return;
                }
                if (!LittleEndian.Fits(map, offset + 4L, size))
                {
                    info.Warnings.Add(BootWarningCode.EntryPastEnd, BootSubject.MemoryMap, index);
                    return;
                }
                ulong start = LittleEndian.U64(map, offset + 4);
                ulong regionLength = LittleEndian.U64(map, offset + 12);
                uint type = LittleEndian.U32(map, offset + 20);
                info.MemoryMap.Add(start, regionLength, MultibootMemoryType.ToKind(type), type, info.Warnings);
                offset += 4 + (int)size;
            }
        }
    }
}
