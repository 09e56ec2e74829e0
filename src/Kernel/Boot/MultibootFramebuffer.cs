// Reads the framebuffer description both Multiboot versions share (address u64, pitch, width, height u32,
// bpp u8, type u8, then for RGB six bytes of colour field positions and sizes) and decides whether the
// text console can draw on it: only a direct-colour framebuffer with consistent geometry is usable.
// In both versions the colour info starts 24 bytes after the address: Multiboot 2 has two reserved bytes,
// and in Multiboot 1 GRUB's C structure aligns the colour union (it holds a u32) to offset 112, although
// the specification's table shows 110; loaders follow GRUB's header, and GRUB-EFI was seen doing so.
using System;

namespace MinimalOS.Kernel.Boot
{
    public static class MultibootFramebuffer
    {
        /// <summary>Bytes of the shared fields, from the address to the type.</summary>
        public const int FieldsLength = 22;

        /// <summary>Where the colour info starts, counted from the address field.</summary>
        public const int ColourOffset = 24;
        private const int ColourInfoLength = 6;

        /// <summary><paramref name="fields"/> starts at the framebuffer address field.</summary>
        public static void Read(ReadOnlySpan<byte> fields, BootInfo info)
        {
            ulong address = LittleEndian.U64(fields, 0);
            uint pitch = LittleEndian.U32(fields, 8);
            uint width = LittleEndian.U32(fields, 12);
            uint height = LittleEndian.U32(fields, 16);
            byte bitsPerPixel = fields[20];
            byte type = fields[21];
            FramebufferKind kind = type switch
            {
                0 => FramebufferKind.Indexed,
                1 => FramebufferKind.Rgb,
                2 => FramebufferKind.EgaText,
                _ => FramebufferKind.Unknown,
            };
            if (kind == FramebufferKind.Unknown)
                info.Warnings.Add(BootWarningCode.FramebufferTypeUnknown, BootSubject.Framebuffer, type);
            if (kind != FramebufferKind.Rgb)
            {
                info.SetFramebuffer(kind, new FramebufferInfo(address, width, height, pitch, bitsPerPixel, 0, 0, 0, 0, 0, 0), false);
                return;
            }
            if (!LittleEndian.Fits(fields, ColourOffset, ColourInfoLength))
            {
                info.Warnings.Add(BootWarningCode.Truncated, BootSubject.Framebuffer, (ulong)fields.Length, (ulong)(ColourOffset + ColourInfoLength));
                info.SetFramebuffer(kind, new FramebufferInfo(address, width, height, pitch, bitsPerPixel, 0, 0, 0, 0, 0, 0), false);
                return;
            }
            ReadOnlySpan<byte> colour = fields.Slice(ColourOffset, ColourInfoLength);
            var framebuffer = new FramebufferInfo(address, width, height, pitch, bitsPerPixel,
                colour[0], colour[1], colour[2], colour[3], colour[4], colour[5]);
            info.SetFramebuffer(kind, framebuffer, IsUsable(framebuffer, info.Warnings));
        }

        private static bool IsUsable(FramebufferInfo fb, BootWarnings warnings)
        {
            if (fb.PhysicalAddress == 0)
            {
                warnings.Add(BootWarningCode.NullAddress, BootSubject.Framebuffer);
                return false;
            }
            if (fb.Width == 0 || fb.Height == 0)
            {
                warnings.Add(BootWarningCode.FramebufferEmpty, BootSubject.Framebuffer, fb.Width, fb.Height);
                return false;
            }
            if (fb.BitsPerPixel != 15 && fb.BitsPerPixel != 16 && fb.BitsPerPixel != 24 && fb.BitsPerPixel != 32)
            {
                warnings.Add(BootWarningCode.FramebufferDepthUnsupported, BootSubject.Framebuffer, fb.BitsPerPixel);
                return false;
            }
            ulong rowBytes = (ulong)fb.Width * (ulong)((fb.BitsPerPixel + 7) / 8);
            if (fb.Pitch < rowBytes)
            {
                warnings.Add(BootWarningCode.FramebufferPitchTooSmall, BootSubject.Framebuffer, fb.Pitch, rowBytes);
                return false;
            }
            if (!FieldFits(fb.RedPosition, fb.RedSize, fb.BitsPerPixel) || !FieldFits(fb.GreenPosition, fb.GreenSize, fb.BitsPerPixel) ||
                !FieldFits(fb.BluePosition, fb.BlueSize, fb.BitsPerPixel))
            {
                warnings.Add(BootWarningCode.FramebufferColourFields, BootSubject.Framebuffer, fb.BitsPerPixel);
                return false;
            }
            if (fb.SizeInBytes > ulong.MaxValue - fb.PhysicalAddress)
            {
                warnings.Add(BootWarningCode.FramebufferWraps, BootSubject.Framebuffer, fb.PhysicalAddress, fb.SizeInBytes);
                return false;
            }
            return true;
        }

        private static bool FieldFits(byte position, byte size, byte bitsPerPixel) =>
            size != 0 && position + size <= bitsPerPixel;
    }
}
