// Command line of the font converter, run by the Makefile:
//   FontConverter <font.psf[.gz]> <output.cs> [--notice "font, copyright, licence"]
// Exit status 0 on success; 1 with one "error:" line on stderr for a bad font; 2 for bad usage.
// The output is written to a temporary file first so a failed run never leaves a half-written source.
using System;
using System.IO;

namespace MinimalOS.Tools.FontConverter
{
    public static class Program
    {
        private const string GeneratedNamespace = "MinimalOS.Kernel.Console";
        private const string GeneratedClass = "Font8x16";

        public static int Main(string[] args)
        {
            string notice = "";
            if (args.Length == 4 && args[2] == "--notice")
                notice = args[3];
            else if (args.Length != 2)
            {
                Console.Error.WriteLine("usage: FontConverter <font.psf[.gz]> <output.cs> [--notice \"font, copyright, licence\"]");
                return 2;
            }
            string input = args[0];
            string output = args[1];
            try
            {
                PsfFont font = PsfParser.Parse(FontFile.ReadBytes(input));
                string source = GlyphTableWriter.Write(font, input, notice, GeneratedNamespace, GeneratedClass);
                string directory = Path.GetDirectoryName(Path.GetFullPath(output));
                Directory.CreateDirectory(directory);
                // A per-process name: a make build and a dotnet test may regenerate at the same moment.
                string temporary = $"{output}.{Environment.ProcessId}.tmp";
                File.WriteAllText(temporary, source);
                File.Move(temporary, output, overwrite: true);
                return 0;
            }
            catch (FontFormatException e)
            {
                Console.Error.WriteLine($"error: {input}: {e.Message}");
                return 1;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        }
    }
}
