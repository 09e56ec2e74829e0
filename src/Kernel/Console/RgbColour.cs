// A colour as 8-bit red, green and blue intensities, independent of any framebuffer's pixel layout
// (PixelFormat.Encode turns it into a pixel value).
namespace MinimalOS.Kernel.Console
{
    public readonly struct RgbColour
    {
        public RgbColour(byte red, byte green, byte blue)
        {
            Red = red;
            Green = green;
            Blue = blue;
        }

        public byte Red { get; }
        public byte Green { get; }
        public byte Blue { get; }
    }
}
