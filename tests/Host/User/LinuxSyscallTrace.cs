// Runs a MinimalOS user program as a Linux process under strace and records its raw system calls, for the
// host tests of the user runtime. This works because the program is a static x86-64 ELF, Linux enters
// _start as MinimalOS does (rsp 16-byte aligned) and both use SYSCALL with the number in rax and the
// arguments in rdi, rsi, ...: MinimalOS's DebugLog (0) is Linux's read (rdi = the DebugLog slot, rsi = the
// text, rdx = its length) and ThreadExit (23) is select (rdi = the exit code).
// Linux's select with no descriptors blocks, so the run ends once ThreadExit is seen; meanwhile the
// program's memory can still be read (the text of a DebugLog from a stack buffer).
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.Kernel.Elf;
using Xunit;

namespace MinimalOS.Tests.Host.User
{
    internal sealed class LinuxSyscallTrace
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

        private LinuxSyscallTrace(string program, string[] calls, byte[] lastDebugLogText)
        {
            Program = program;
            Calls = calls;
            LastDebugLogText = lastDebugLogText;
        }

        public string Program { get; }

        /// <summary>Every system call after execve, as strace prints it with numeric arguments.</summary>
        public string[] Calls { get; }

        /// <summary>The bytes the last DebugLog before ThreadExit pointed at, read from the live process.</summary>
        public byte[] LastDebugLogText { get; }

        public static string BuiltProgram(string fileName)
        {
            string build = Environment.GetEnvironmentVariable("MINIMALOS_BUILD_DIR") ?? Path.Combine(RepositoryPaths.Root, "build");
            string program = Path.Combine(build, "user", fileName);
            Assert.True(File.Exists(program), $"{program} is missing: run `make test` (or `make {Path.Combine("build", "user", fileName)}`)");
            return program;
        }

        public static LinuxSyscallTrace Run(string program)
        {
            string trace = Path.GetTempFileName();
            var start = new ProcessStartInfo("strace", new[] { "-qq", "-e", "raw=all", "-e", "signal=none", "-o", trace, program })
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            byte[] lastText = null;
            using (Process strace = Process.Start(start))
            {
                var clock = Stopwatch.StartNew();
                while (!strace.HasExited && !File.ReadAllText(trace).Contains("select("))
                {
                    Assert.True(clock.Elapsed < Limit, $"{program} under strace made no ThreadExit call within {Limit.TotalSeconds} s");
                    Thread.Sleep(20);
                }
                if (!strace.HasExited)
                {
                    lastText = ReadLastDebugLog(strace.Id, File.ReadAllLines(trace));
                    strace.Kill(entireProcessTree: true);
                }
                strace.WaitForExit();
            }
            string[] calls = File.ReadAllLines(trace)
                .Where(line => !line.StartsWith("execve(", StringComparison.Ordinal) && !line.StartsWith("+++", StringComparison.Ordinal))
                .ToArray();
            File.Delete(trace);
            return new LinuxSyscallTrace(program, calls, lastText);
        }

        /// <summary>
        /// The (address, length) of call <paramref name="index"/> if it is a DebugLog through the root task's
        /// DebugLog capability (RootSlots.DebugLog in the radix-12 root CNode), else fails the test.
        /// </summary>
        public (ulong Address, int Length) DebugLogAt(int index)
        {
            Assert.True(index < Calls.Length, $"{Program}: only {Calls.Length} system calls: {string.Join(" | ", Calls)}");
            Assert.True(TryParseDebugLog(Calls[index], out ulong address, out int length), $"{Program}: call {index} is not DebugLog (0) through slot RootSlots.DebugLog: {Calls[index]}");
            return (address, length);
        }

        /// <summary>Whether call <paramref name="index"/> is ThreadExit with exit code <paramref name="code"/>.</summary>
        public bool IsThreadExit(int index, ulong code) =>
            index < Calls.Length && Calls[index].StartsWith(code == 0 ? "select(0, " : $"select(0x{code:x}, ", StringComparison.Ordinal);

        /// <summary>The bytes at <paramref name="address"/> in the program's file, through the kernel's ElfParser.</summary>
        public byte[] FileBytesAt(ulong address, int length)
        {
            byte[] file = File.ReadAllBytes(Program);
            Assert.Equal(ElfError.None, ElfParser.Parse(file, out ElfImage image));
            for (int i = 0; i < image.SegmentCount; i++)
            {
                ElfSegment segment = image.Segment(i);
                if (segment.Contains(address) && address + (ulong)length <= segment.VirtualAddress.Value + segment.FileSize)
                    return file.AsSpan((int)(segment.FileOffset + (address - segment.VirtualAddress.Value)), length).ToArray();
            }
            throw new Xunit.Sdk.XunitException($"0x{address:x} is not in the file-backed part of any segment of {Program}");
        }

        private static bool TryParseDebugLog(string call, out ulong address, out int length)
        {
            Match match = Regex.Match(call, @"^read\(0x([0-9a-f]+), 0x([0-9a-f]+), 0x([0-9a-f]+)");
            bool rootDebugLog = match.Success && ulong.Parse(match.Groups[1].Value, NumberStyles.HexNumber) == CapSlot.At(RootSlots.DebugLog, 12).Encoded;
            address = rootDebugLog ? ulong.Parse(match.Groups[2].Value, NumberStyles.HexNumber) : 0;
            length = rootDebugLog ? int.Parse(match.Groups[3].Value, NumberStyles.HexNumber) : 0;
            return rootDebugLog;
        }

        // The traced program is strace's only child; it is blocked in ThreadExit, so its memory is stable.
        private static byte[] ReadLastDebugLog(int stracePid, string[] lines)
        {
            string last = lines.LastOrDefault(line => line.StartsWith("read(", StringComparison.Ordinal));
            if (last is null || !TryParseDebugLog(last, out ulong address, out int length))
                return null;
            string child = File.ReadAllText($"/proc/{stracePid}/task/{stracePid}/children").Trim();
            using var memory = new FileStream($"/proc/{child}/mem", FileMode.Open, FileAccess.Read);
            memory.Seek((long)address, SeekOrigin.Begin);
            var text = new byte[length];
            memory.ReadExactly(text);
            return text;
        }
    }
}
