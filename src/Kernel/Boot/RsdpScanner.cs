// Finds the ACPI RSDP the legacy-BIOS way, for boots that do not hand it over (Multiboot 1): scan the first
// KiB of the Extended BIOS Data Area (its segment is stored at physical 0x40E) and then the BIOS area
// 0xE0000-0xFFFFF, on 16-byte boundaries, for "RSD PTR " with a valid checksum. Reads only those areas.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class RsdpScanner
    {
        public const ulong EbdaSegmentPointer = 0x40E;
        public const int EbdaScanLength = 1024;
        public const ulong BiosAreaStart = 0xE0000;
        public const int BiosAreaLength = 0x20000;
        private const int Alignment = 16;

        public static bool TryFind(PhysicalMemoryReader memory, BootWarnings warnings, out RsdpInfo rsdp)
        {
            ReadOnlySpan<byte> segment = memory.Read(new PhysicalAddress(EbdaSegmentPointer), 2);
            if (segment.Length < 2)
            {
                warnings.Add(BootWarningCode.Unreadable, BootSubject.Ebda, EbdaSegmentPointer, 2);
            }
            else
            {
                ulong ebda = (ulong)LittleEndian.U16(segment, 0) << 4;
                if (ebda != 0 && TryScan(memory, ebda, EbdaScanLength, RsdpSource.EbdaScan, BootSubject.Ebda, warnings, out rsdp))
                    return true;
            }
            return TryScan(memory, BiosAreaStart, BiosAreaLength, RsdpSource.BiosAreaScan, BootSubject.Rsdp, warnings, out rsdp);
        }

        private static bool TryScan(PhysicalMemoryReader memory, ulong start, int length, RsdpSource source, BootSubject subject,
            BootWarnings warnings, out RsdpInfo rsdp)
        {
            ReadOnlySpan<byte> area = memory.Read(new PhysicalAddress(start), length);
            if (area.Length == 0)
                warnings.Add(BootWarningCode.Unreadable, subject, start, (ulong)length);
            else if (area.Length < length)
                warnings.Add(BootWarningCode.Truncated, subject, (ulong)area.Length, (ulong)length);
            for (int offset = 0; offset + Rsdp.Signature.Length <= area.Length; offset += Alignment)
            {
                if (Rsdp.HasSignature(area.Slice(offset)) &&
                    Rsdp.TryRead(memory, new PhysicalAddress(start + (ulong)offset), source, warnings, out rsdp))
                    return true;
            }
            rsdp = default;
            return false;
        }
    }
}
