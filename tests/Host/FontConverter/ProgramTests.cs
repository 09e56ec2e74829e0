// Host tests of the font converter's command line: conversion, corrupt input, usage errors, missing files.
using System.IO;
using System.IO.Compression;
using MinimalOS.Tools.FontConverter;
using Xunit;

namespace MinimalOS.Tests.Host.FontConverter
{
    public class ProgramTests
    {
        [Fact]
        public void ConvertsAGzippedFontToASourceFile()
        {
            string directory = Directory.CreateTempSubdirectory("fontconverter").FullName;
            try
            {
                string input = Path.Combine(directory, "sample.psf.gz");
                using (var gzip = new GZipStream(File.Create(input), CompressionLevel.Fastest))
                    gzip.Write(PsfSamples.Psf1(PsfSamples.Psf1HasTable, table: PsfSamples.AsciiTable));
                string output = Path.Combine(directory, "out", "Font.g.cs");
                Assert.Equal(0, Program.Main(new[] { input, output, "--notice", "Sample" }));
                Assert.Contains("// Sample", File.ReadAllText(output));
                Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)));   // no temporary left behind
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void ACorruptFontFailsAndWritesNothing()
        {
            string directory = Directory.CreateTempSubdirectory("fontconverter").FullName;
            try
            {
                string input = Path.Combine(directory, "bad.psf");
                File.WriteAllBytes(input, PsfSamples.Psf1()[..100]);
                string output = Path.Combine(directory, "Font.g.cs");
                Assert.Equal(1, Program.Main(new[] { input, output }));
                Assert.False(File.Exists(output));

                File.WriteAllBytes(input, new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02 });   // broken gzip
                Assert.Equal(1, Program.Main(new[] { input, output }));
                Assert.False(File.Exists(output));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Fact]
        public void BadUsageIsExitStatusTwo()
        {
            Assert.Equal(2, Program.Main(new string[0]));
            Assert.Equal(2, Program.Main(new[] { "a", "b", "--other", "c" }));
        }

        [Fact]
        public void AMissingInputFileFails() =>
            Assert.Equal(1, Program.Main(new[] { "/nonexistent/font.psf", Path.Combine(Path.GetTempPath(), "never.g.cs") }));
    }
}
