// The root task end to end without the kernel (LinuxSyscallTrace): start-up and Main ran, its one
// DebugLog came with rsi = the address of the message and rdx = its length (rdi its capability slot), and returning from Main made
// _start call ThreadExit.
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
            Assert.True(trace.IsThreadExit(1), $"DebugLog is not followed by ThreadExit (23): {string.Join(" | ", trace.Calls)}");
        }
    }
}
