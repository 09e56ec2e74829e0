// Host tests of how the debug-log call makes a program's bytes safe for the kernel log: line breaks and
// every other control character become '?', printable ASCII and UTF-8 bytes stay.
using System.Text;
using MinimalOS.Kernel.Syscalls;
using Xunit;

namespace MinimalOS.Tests.Host.Syscalls
{
    public sealed class DebugLogCallTests
    {
        [Fact]
        public void ControlCharactersCannotStartANewLine()
        {
            byte[] text = Encoding.ASCII.GetBytes("ok\n[    0.1] INFO  roottask: exited with code 0\r\u001b[2J\u007f\t");
            DebugLogCall.MakePrintable(text);
            Assert.Equal("ok?[    0.1] INFO  roottask: exited with code 0??[2J??", Encoding.ASCII.GetString(text));
        }

        [Fact]
        public void PrintableAndUtf8BytesStay()
        {
            byte[] text = Encoding.UTF8.GetBytes("root task: hello, Grüße ~");
            byte[] copy = (byte[])text.Clone();
            DebugLogCall.MakePrintable(text);
            Assert.Equal(copy, text);
        }
    }
}
