// Host tests of the exception facts: names and mnemonics, and which vectors push an error code - checked
// against the entry stubs' assembly too, since the two must agree or every frame field is off by 8 bytes.
using System.IO;
using System.Text.RegularExpressions;
using MinimalOS.Kernel.Interrupts;
using Xunit;

namespace MinimalOS.Tests.Host.Interrupts
{
    public sealed class CpuExceptionTests
    {
        [Theory]
        [InlineData(0, "divide error", "DE")]
        [InlineData(3, "breakpoint", "BP")]
        [InlineData(6, "invalid opcode", "UD")]
        [InlineData(8, "double fault", "DF")]
        [InlineData(13, "general protection fault", "GP")]
        [InlineData(14, "page fault", "PF")]
        [InlineData(18, "machine check", "MC")]
        [InlineData(15, "reserved", "??")]
        [InlineData(31, "reserved", "??")]
        public void NamesAndMnemonics(int vector, string name, string mnemonic)
        {
            Assert.Equal(name, CpuException.Name(vector));
            Assert.Equal(mnemonic, CpuException.Mnemonic(vector));
        }

        [Fact]
        public void ErrorCodeVectorsMatchTheManual()
        {
            int[] withErrorCode = { 8, 10, 11, 12, 13, 14, 17, 21, 29, 30 };
            for (int vector = 0; vector < 256; vector++)
                Assert.Equal(System.Array.IndexOf(withErrorCode, vector) >= 0, CpuException.PushesErrorCode(vector));
        }

        [Fact]
        public void EntryStubsPushADummyErrorCodeExactlyWhereTheCpuPushesNone()
        {
            string asm = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src/Kernel/Arch/X86_64/Native/interrupt_entry.asm"));
            Match condition = Regex.Match(asm, @"%if (.*)\n\s*; the CPU pushed an error code");
            Assert.True(condition.Success, "the stub macro's error-code condition is where the test expects it");
            for (int vector = 0; vector < 256; vector++)
                Assert.Equal(CpuException.PushesErrorCode(vector), Evaluate(condition.Groups[1].Value, vector));
        }

        // Evaluates the macro's condition: terms like "%1 == 8" and "(%1 >= 10 && %1 <= 14)" joined by ||.
        private static bool Evaluate(string condition, int vector)
        {
            foreach (string term in condition.Split("||"))
            {
                bool all = true;
                foreach (string part in term.Trim().Trim('(', ')').Split("&&"))
                {
                    Match m = Regex.Match(part.Trim(), @"^%1 (==|>=|<=) (\d+)$");
                    Assert.True(m.Success, $"unexpected term in the stub condition: {part}");
                    int value = int.Parse(m.Groups[2].Value);
                    all &= m.Groups[1].Value switch { "==" => vector == value, ">=" => vector >= value, _ => vector <= value };
                }
                if (all)
                    return true;
            }
            return false;
        }
    }
}
