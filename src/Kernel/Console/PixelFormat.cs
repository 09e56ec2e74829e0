// How a direct-colour framebuffer packs one pixel: bytes per pixel and each channel's bit position and
// width, as the boot loader reported them. TryCreate rejects layouts it cannot encode correctly (channels
// outside the pixel, overlapping or wider than 8 bits, unsupported depths) instead of drawing garbage.
using System;

namespace MinimalOS.Kernel.Console
{
    public readonly struct PixelFormat
    {
        private PixelFormat(int bitsPerPixel, byte redPosition, byte redSize, byte greenPosition, byte greenSize,
            byte bluePosition, byte blueSize)
        {
            BitsPerPixel = bitsPerPixel;
            RedPosition = redPosition;
            RedSize = redSize;
            GreenPosition = greenPosition;
            GreenSize = greenSize;
            BluePosition = bluePosition;
            BlueSize = blueSize;
        }

        public int BitsPerPixel { get; }
        public int BytesPerPixel => (BitsPerPixel + 7) / 8;
        public byte RedPosition { get; }
        public byte RedSize { get; }
        public byte GreenPosition { get; }
        public byte GreenSize { get; }
        public byte BluePosition { get; }
        public byte BlueSize { get; }

        /// <summary>Accepts 15, 16, 24 and 32 bits per pixel with channels of 1 to 8 bits inside the pixel.</summary>
        public static bool TryCreate(int bitsPerPixel, byte redPosition, byte redSize, byte greenPosition, byte greenSize,
            byte bluePosition, byte blueSize, out PixelFormat format, out string whyNot)
        {
            format = default;
            if (bitsPerPixel != 15 && bitsPerPixel != 16 && bitsPerPixel != 24 && bitsPerPixel != 32)
            {
                whyNot = "unsupported bits per pixel (15, 16, 24 or 32 are supported)";
                return false;
            }
            if (!ChannelFits(redPosition, redSize, bitsPerPixel) || !ChannelFits(greenPosition, greenSize, bitsPerPixel)
                || !ChannelFits(bluePosition, blueSize, bitsPerPixel))
            {
                whyNot = "a colour channel is empty, wider than 8 bits or outside the pixel";
                return false;
            }
            uint red = Mask(redPosition, redSize);
            uint green = Mask(greenPosition, greenSize);
            uint blue = Mask(bluePosition, blueSize);
            if ((red & green) != 0 || (red & blue) != 0 || (green & blue) != 0)
            {
                whyNot = "colour channels overlap";
                return false;
            }
            format = new PixelFormat(bitsPerPixel, redPosition, redSize, greenPosition, greenSize, bluePosition, blueSize);
            whyNot = null;
            return true;
        }

        /// <summary>The pixel value for a colour; each channel keeps its most significant bits.</summary>
        public uint Encode(RgbColour colour) =>
            Channel(colour.Red, RedPosition, RedSize) | Channel(colour.Green, GreenPosition, GreenSize)
            | Channel(colour.Blue, BluePosition, BlueSize);

        /// <summary>Stores a pixel value at <paramref name="offset"/>, little-endian as the hardware reads it.</summary>
        public void Store(Span<byte> destination, int offset, uint pixel)
        {
            int bytes = BytesPerPixel;
            destination[offset] = (byte)pixel;
            destination[offset + 1] = (byte)(pixel >> 8);
            if (bytes > 2)
                destination[offset + 2] = (byte)(pixel >> 16);
            if (bytes > 3)
                destination[offset + 3] = (byte)(pixel >> 24);
        }

        private static bool ChannelFits(byte position, byte size, int bitsPerPixel) =>
            size >= 1 && size <= 8 && position + size <= bitsPerPixel;

        private static uint Mask(byte position, byte size) => ((1u << size) - 1) << position;

        private static uint Channel(byte intensity, byte position, byte size) => (uint)(intensity >> (8 - size)) << position;
    }
}
