// Reads a font file from disk, gunzipping it when it starts with the gzip magic (.psf.gz as shipped by
// Linux distributions). A damaged gzip stream is reported as a font format error.
using System.IO;
using System.IO.Compression;

namespace MinimalOS.Tools.FontConverter
{
    public static class FontFile
    {
        public static byte[] ReadBytes(string path) => Decompress(File.ReadAllBytes(path));

        public static byte[] Decompress(byte[] contents)
        {
            if (contents.Length < 2 || contents[0] != 0x1F || contents[1] != 0x8B)
                return contents;
            try
            {
                using var gzip = new GZipStream(new MemoryStream(contents), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                gzip.CopyTo(plain);
                return plain.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new FontFormatException($"corrupt gzip data: {e.Message}");
            }
        }
    }
}
