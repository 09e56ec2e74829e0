// A linear framebuffer as the boot loader described it: where it is, its geometry and its pixel format.
// Only direct-colour (RGB) framebuffers are usable for the text console; others are reported and skipped.
namespace MinimalOS.Kernel.Boot
{
    public readonly struct FramebufferInfo
    {
        public FramebufferInfo(ulong physicalAddress, uint width, uint height, uint pitch, byte bitsPerPixel,
            byte redPosition, byte redSize, byte greenPosition, byte greenSize, byte bluePosition, byte blueSize)
        {
            PhysicalAddress = physicalAddress;
            Width = width;
            Height = height;
            Pitch = pitch;
            BitsPerPixel = bitsPerPixel;
            RedPosition = redPosition;
            RedSize = redSize;
            GreenPosition = greenPosition;
            GreenSize = greenSize;
            BluePosition = bluePosition;
            BlueSize = blueSize;
        }

        public ulong PhysicalAddress { get; }
        public uint Width { get; }
        public uint Height { get; }
        /// <summary>Bytes from the start of one row to the next (at least Width * bytes per pixel).</summary>
        public uint Pitch { get; }
        public byte BitsPerPixel { get; }
        public byte RedPosition { get; }
        public byte RedSize { get; }
        public byte GreenPosition { get; }
        public byte GreenSize { get; }
        public byte BluePosition { get; }
        public byte BlueSize { get; }

        public ulong SizeInBytes => (ulong)Pitch * Height;
    }
}
