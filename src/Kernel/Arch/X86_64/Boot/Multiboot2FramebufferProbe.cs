// TEMPORARY glue: finds the Multiboot 2 framebuffer tag (type 8) in the boot information so the
// framebuffer console can be started before the real boot information parser (BootInfo) exists. When
// BootInfo lands, KernelMain takes the FramebufferInfo from it and this file goes. It reads only inside
// the boot information's declared size and treats every field as untrusted.
using System;
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Kernel.Arch.X86_64.Boot
{
    internal static unsafe class Multiboot2FramebufferProbe
    {
        private const uint Multiboot1Magic = 0x2BADB002;
        private const uint Multiboot2Magic = 0x36D76289;
        private const uint MaxBootInfoSize = 1 << 20;
        private const uint EndTag = 0;
        private const uint FramebufferTag = 8;
        // GRUB's layout: an 8-byte tag header, then address, pitch, width, height, bpp, type, 2 reserved
        // bytes, then for direct colour the red/green/blue position and size bytes.
        private const int FramebufferTagDirectColourSize = 38;
        private const byte DirectColour = 1;

        public static bool TryFind(uint bootMagic, ulong bootInfoPhysical, out FramebufferInfo framebuffer, out string whyNot)
        {
            framebuffer = default;
            if (bootMagic == Multiboot1Magic)
            {
                whyNot = "booted through Multiboot 1, which passes no framebuffer to this kernel";
                return false;
            }
            if (bootMagic != Multiboot2Magic)
            {
                whyNot = "unknown boot protocol magic";
                return false;
            }
            if ((bootInfoPhysical & 7) != 0 || !BootIdentityMap.TryMap(bootInfoPhysical, 8, out byte* header))
            {
                whyNot = "boot information address is misaligned or not mapped";
                return false;
            }
            uint totalSize = *(uint*)header;
            if (totalSize < 8 || totalSize > MaxBootInfoSize || !BootIdentityMap.TryMap(bootInfoPhysical, totalSize, out byte* start))
            {
                whyNot = "boot information size is implausible";
                return false;
            }
            var info = new ReadOnlySpan<byte>(start, (int)totalSize);
            int offset = 8;
            while (offset <= info.Length - 8)
            {
                uint type = ReadUInt32(info, offset);
                uint size = ReadUInt32(info, offset + 4);
                if (type == EndTag)
                    break;
                if (size < 8 || size > (uint)(info.Length - offset))
                {
                    whyNot = "boot information has a tag with a bad size";
                    return false;
                }
                if (type == FramebufferTag)
                    return TryReadFramebuffer(info.Slice(offset, (int)size), out framebuffer, out whyNot);
                offset += (int)((size + 7) & ~7u);
            }
            whyNot = "the boot loader set no graphics mode (no framebuffer tag)";
            return false;
        }

        private static bool TryReadFramebuffer(ReadOnlySpan<byte> tag, out FramebufferInfo framebuffer, out string whyNot)
        {
            framebuffer = default;
            if (tag.Length < 30 || tag[29] != DirectColour)
            {
                whyNot = "the framebuffer is not direct colour (indexed or text mode)";
                return false;
            }
            if (tag.Length < FramebufferTagDirectColourSize)
            {
                whyNot = "the framebuffer tag is too short";
                return false;
            }
            ulong address = ReadUInt32(tag, 8) | ((ulong)ReadUInt32(tag, 12) << 32);
            framebuffer = new FramebufferInfo(address, width: ReadUInt32(tag, 20), height: ReadUInt32(tag, 24),
                pitch: ReadUInt32(tag, 16), bitsPerPixel: tag[28], redPosition: tag[32], redSize: tag[33],
                greenPosition: tag[34], greenSize: tag[35], bluePosition: tag[36], blueSize: tag[37]);
            whyNot = null;
            return true;
        }

        private static uint ReadUInt32(ReadOnlySpan<byte> bytes, int offset) =>
            bytes[offset] | ((uint)bytes[offset + 1] << 8) | ((uint)bytes[offset + 2] << 16) | ((uint)bytes[offset + 3] << 24);
    }
}
