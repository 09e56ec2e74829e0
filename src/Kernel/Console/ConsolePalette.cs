// The framebuffer console's colours: a black screen, and a foreground per log level that matches the
// serial sink's ANSI colours, with fatal lines in white on red so a panic stands out.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Console
{
    public static class ConsolePalette
    {
        public static RgbColour ScreenBackground => new RgbColour(0x00, 0x00, 0x00);

        public static RgbColour Foreground(LogLevel level) => level switch
        {
            LogLevel.Trace => new RgbColour(0x80, 0x80, 0x80),
            LogLevel.Debug => new RgbColour(0xC0, 0xC0, 0xC0),
            LogLevel.Info => new RgbColour(0xFF, 0xFF, 0xFF),
            LogLevel.Warn => new RgbColour(0xFF, 0xFF, 0x55),
            LogLevel.Error => new RgbColour(0xFF, 0x55, 0x55),
            _ => new RgbColour(0xFF, 0xFF, 0xFF),
        };

        public static RgbColour Background(LogLevel level) =>
            level >= LogLevel.Fatal ? new RgbColour(0xAA, 0x00, 0x00) : ScreenBackground;
    }
}
