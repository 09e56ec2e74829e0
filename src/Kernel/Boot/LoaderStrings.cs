// Turns the loader's NUL-terminated strings into BootText: bounded search for the terminator (a missing
// one is reported and the text cut at the bound), then stored cleaned up in the BootInfo's text pool.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class LoaderStrings
    {
        public const int MaxCommandLine = 2048;
        public const int MaxBootLoaderName = 256;
        public const int MaxModuleString = 1024;

        /// <summary>Reads the string at a loader-given physical address, searching at most <paramref name="maxLength"/> bytes.</summary>
        public static BootText Read(PhysicalMemoryReader memory, ulong address, int maxLength, BootSubject subject, BootInfo info)
        {
            if (address == 0)
            {
                info.Warnings.Add(BootWarningCode.NullAddress, subject);
                return default;
            }
            ReadOnlySpan<byte> bytes = memory.Read(new PhysicalAddress(address), maxLength);
            if (bytes.Length == 0)
            {
                info.Warnings.Add(BootWarningCode.Unreadable, subject, address, 1);
                return default;
            }
            return FromTerminated(bytes, address, subject, info);
        }

        /// <summary>Takes the string at the start of <paramref name="bytes"/>, which should contain its terminator.</summary>
        public static BootText FromTerminated(ReadOnlySpan<byte> bytes, ulong address, BootSubject subject, BootInfo info)
        {
            int length = bytes.IndexOf((byte)0);
            if (length < 0)
            {
                info.Warnings.Add(BootWarningCode.Unterminated, subject, address, (ulong)bytes.Length);
                length = bytes.Length;
            }
            BootText text = info.TextPool.Add(bytes.Slice(0, length), out bool cut);
            if (cut)
                info.Warnings.Add(BootWarningCode.TextCut, subject, (ulong)text.Length);
            return text;
        }
    }
}
