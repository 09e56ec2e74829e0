// The font file is not a PSF font the converter can trust; the message says what is wrong, for the build log.
using System;

namespace MinimalOS.Tools.FontConverter
{
    public sealed class FontFormatException : Exception
    {
        public FontFormatException(string message)
            : base(message)
        {
        }
    }
}
