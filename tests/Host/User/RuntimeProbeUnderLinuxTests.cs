// The user runtime's services in a running program (tests/User/RuntimeProbe, under LinuxSyscallTrace):
// a lazy static constructor runs once before its static is read, heap objects, strings and interface
// dispatch give the right answers, and an unhandled exception is reported through DebugLog with its
// message, followed by ThreadExit with the runtime's failure exit code.
using System.Text;
using Xunit;

namespace MinimalOS.Tests.Host.User
{
    public class RuntimeProbeUnderLinuxTests
    {
        [Fact]
        public void EveryStepLogsItsLineAndTheExceptionEndsTheThread()
        {
            LinuxSyscallTrace trace = LinuxSyscallTrace.Run(LinuxSyscallTrace.BuiltProgram("runtimeprobe.elf"));
            string[] expected = { "probe: static constructor", "probe: static 42", "probe: shapes 13" };
            for (int i = 0; i < expected.Length; i++)
            {
                (ulong address, int length) = trace.DebugLogAt(i);
                Assert.Equal(expected[i], Encoding.ASCII.GetString(trace.FileBytesAt(address, length)));
            }
            trace.DebugLogAt(expected.Length);
            Assert.Equal("unhandled exception: probe: deliberate", Encoding.ASCII.GetString(trace.LastDebugLogText));
            Assert.True(trace.IsThreadExit(expected.Length + 1, 0xDEAD), $"the report is not followed by ThreadExit (23) with the runtime's failure code 0xDEAD: {string.Join(" | ", trace.Calls)}");
        }
    }
}
