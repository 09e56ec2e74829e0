// TEMPORARY stand-in written by the harness helper so that `make run-headless` and the boot tests can be
// developed: finds the word `exit-on-ready` on the Multiboot 1 or 2 command line. The boot-information
// helper's real command-line parser replaces this file and its one call in KernelMain; never extend it.
namespace MinimalOS.Kernel
{
    internal static unsafe class TemporaryExitOnReady
    {
        private const uint Multiboot1Magic = 0x2BADB002;
        private const uint Multiboot2Magic = 0x36D76289;
        private const uint Multiboot1CommandLineFlag = 1 << 2;
        private const uint Multiboot2CommandLineTag = 1;

        /// <summary>True when the boot loader's command line contains the word exit-on-ready.</summary>
        public static bool Requested(uint bootMagic, ulong bootInfoPhysical)
        {
            // The boot stub identity-maps the first 4 GiB, where both loaders put their information.
            if (bootInfoPhysical == 0 || bootInfoPhysical >= 0x1_0000_0000UL)
                return false;
            byte* info = (byte*)bootInfoPhysical;
            if (bootMagic == Multiboot1Magic)
            {
                if ((*(uint*)info & Multiboot1CommandLineFlag) == 0)
                    return false;
                return ContainsWord((byte*)(ulong)*(uint*)(info + 16), 4096);
            }
            if (bootMagic != Multiboot2Magic)
                return false;
            uint totalSize = *(uint*)info;
            uint offset = 8;
            while (offset + 8 <= totalSize && totalSize <= 1 << 20)
            {
                uint type = *(uint*)(info + offset);
                uint size = *(uint*)(info + offset + 4);
                if (type == 0 || size < 8)
                    return false;
                if (type == Multiboot2CommandLineTag)
                    return ContainsWord(info + offset + 8, (int)(size - 8));
                offset += (size + 7) & ~7u;
            }
            return false;
        }

        private static bool ContainsWord(byte* text, int limit)
        {
            const string word = "exit-on-ready";
            int length = 0;
            while (length < limit && text[length] != 0)
                length++;
            for (int start = 0; start + word.Length <= length; start++)
            {
                if (start > 0 && text[start - 1] != (byte)' ')
                    continue;
                int end = start + word.Length;
                if (end < length && text[end] != (byte)' ')
                    continue;
                int i = 0;
                while (i < word.Length && text[start + i] == (byte)word[i])
                    i++;
                if (i == word.Length)
                    return true;
            }
            return false;
        }
    }
}
