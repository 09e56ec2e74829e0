// The user runtime end to end without the kernel: the root task is a static x86-64 ELF, so Linux runs it,
// and strace records its raw system calls. Linux enters _start the way MinimalOS does (rsp 16-byte aligned)
// and both use SYSCALL with the number in rax and arguments in rdi, rsi, ..., so the record shows what
// MinimalOS will see: start-up and Main ran, DebugLog (0, Linux's read) came with rdi = the DebugLog
// capability's slot (RootSlots.DebugLog in the radix-12 root CNode), rsi = the address of the message and
// rdx = its length, and returning from Main called ThreadExit (23, Linux's select) with exit code 0 in rdi.
// The message bytes are read back from the ELF file at that address, through the kernel's own ElfParser.
// Linux's select with nfds 0 and no timeout would sleep forever, so strace makes that call fail instead
// (inject), and _start's ud2 after ThreadExit then ends the program.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MinimalOS.Abi;
using MinimalOS.Kernel.Elf;
using Xunit;

namespace MinimalOS.Tests.Host.User
{
    public class RootTaskUnderLinuxTests
    {
        private const string Message = "root task: hello from ring 3";

        [Fact]
        public void LogsItsLineThroughDebugLogAndThenExitsItsThread()
        {
            string build = Environment.GetEnvironmentVariable("MINIMALOS_BUILD_DIR") ?? Path.Combine(RepositoryPaths.Root, "build");
            string program = Path.Combine(build, "user", "roottask.elf");
            Assert.True(File.Exists(program), $"{program} is missing: run `make` first");
            string[] calls = RawSystemCalls(program);

            Match debugLog = Regex.Match(calls[0], @"^read\(0x([0-9a-f]+), 0x([0-9a-f]+), 0x([0-9a-f]+)");
            Assert.True(debugLog.Success, $"the first system call is not DebugLog (0) with three arguments: {calls[0]}");
            ulong slot = ulong.Parse(debugLog.Groups[1].Value, NumberStyles.HexNumber);
            Assert.Equal(CapSlot.At(RootSlots.DebugLog, 12).Encoded, slot);
            ulong address = ulong.Parse(debugLog.Groups[2].Value, NumberStyles.HexNumber);
            int length = int.Parse(debugLog.Groups[3].Value, NumberStyles.HexNumber);
            Assert.Equal(Message, Encoding.ASCII.GetString(BytesAt(File.ReadAllBytes(program), address, length)));
            Assert.True(calls.Length > 1 && calls[1].StartsWith("select(0, ", StringComparison.Ordinal),
                $"DebugLog is not followed by ThreadExit (23) with exit code 0: {string.Join(" | ", calls)}");
        }

        // The program's system calls after execve, as strace prints them with raw (numeric) arguments.
        private static string[] RawSystemCalls(string program)
        {
            string trace = Path.GetTempFileName();
            var start = new ProcessStartInfo("strace", new[] { "-qq", "-e", "raw=all", "-e", "signal=none", "-e", "inject=select:error=EINVAL", "-o", trace, program })
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using (Process strace = Process.Start(start))
            {
                Assert.True(strace.WaitForExit(30_000), "the root task under strace did not end within 30 s");
            }
            string[] lines = File.ReadAllLines(trace);
            File.Delete(trace);
            return lines.Where(line => !line.StartsWith("execve(", StringComparison.Ordinal) && !line.StartsWith("+++", StringComparison.Ordinal)).ToArray();
        }

        private static byte[] BytesAt(byte[] file, ulong address, int length)
        {
            Assert.Equal(ElfError.None, ElfParser.Parse(file, out ElfImage image));
            for (int i = 0; i < image.SegmentCount; i++)
            {
                ElfSegment segment = image.Segment(i);
                if (segment.Contains(address) && address + (ulong)length <= segment.VirtualAddress.Value + segment.FileSize)
                    return file.AsSpan((int)(segment.FileOffset + (address - segment.VirtualAddress.Value)), length).ToArray();
            }
            throw new Xunit.Sdk.XunitException($"0x{address:x} is not in the file-backed part of any segment");
        }
    }
}
