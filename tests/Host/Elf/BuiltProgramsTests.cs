// Every user program the build produced (build/user/*.elf, build/release/user/*.elf) passes the kernel's
// ELF parser: the linker script's layout, W^X and the entry point stay loadable. Skipped programs are
// not hidden: with no build, the test says so and checks nothing else.
using System.IO;
using System.Linq;
using MinimalOS.Kernel.Elf;
using Xunit;
using Xunit.Abstractions;

namespace MinimalOS.Tests.Host.Elf
{
    public class BuiltProgramsTests
    {
        private readonly ITestOutputHelper _output;

        public BuiltProgramsTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void EveryBuiltUserProgramIsAccepted()
        {
            string[] programs = new[] { "build/user", "build/release/user" }
                .Select(directory => Path.Combine(RepositoryPaths.Root, directory))
                .Where(Directory.Exists)
                .SelectMany(directory => Directory.GetFiles(directory, "*.elf"))
                .ToArray();
            if (programs.Length == 0)
                _output.WriteLine("no user program built yet (make builds build/user/roottask.elf)");
            foreach (string program in programs)
            {
                ElfError error = ElfParser.Parse(File.ReadAllBytes(program), out ElfImage image);
                Assert.True(error == ElfError.None, $"{program}: {error}");
                Assert.True(image.SegmentCount >= 2, $"{program}: only {image.SegmentCount} segment(s)");
                _output.WriteLine($"{program}: entry 0x{image.Entry.Value:x}, {image.SegmentCount} segments");
            }
        }
    }
}
