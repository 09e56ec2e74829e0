// The root task end to end without the kernel (LinuxSyscallTrace): start-up and Main ran, its one
// DebugLog came with rdi = its DebugLog capability's slot, rsi = the address of the message and rdx = its
// length, and returning from Main made _start call ThreadExit with exit code 0.
using System.Text;
using Xunit;

namespace MinimalOS.Tests.Host.User
{
    public class RootTaskUnderLinuxTests
    {
        [Fact]
        public void LogsItsLineThroughDebugLogAndThenExitsItsThread()
        {
            LinuxSyscallTrace trace = LinuxSyscallTrace.Run(LinuxSyscallTrace.BuiltProgram("roottask.elf"));
            (ulong address, int length) = trace.DebugLogAt(0);
            Assert.Equal("root task: hello from ring 3", Encoding.ASCII.GetString(trace.FileBytesAt(address, length)));
            Assert.True(trace.IsThreadExit(1, 0), $"DebugLog is not followed by ThreadExit (23) with exit code 0: {string.Join(" | ", trace.Calls)}");
        }
    }
}
