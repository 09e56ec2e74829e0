// One IPC message as a program sees it in registers: the badge of the sender's capability (received
// messages only), the MessageInfo word (label, length, capability count, flags) and message words 0-3.
// Words 4 and up, and capabilities, live in the thread's IPC buffer (src/Abi/IpcBuffer.cs). The stub
// mnos_ipc reads and writes this struct at fixed offsets.
using System.Runtime.InteropServices;
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    [StructLayout(LayoutKind.Sequential)]
    public struct IpcMessage
    {
        public ulong Badge;
        public MessageInfo Info;
        public ulong Word0, Word1, Word2, Word3;

        public static IpcMessage Of(ulong label, int length = 0, ulong word0 = 0, ulong word1 = 0, ulong word2 = 0, ulong word3 = 0, int capCount = 0, bool nonBlocking = false) =>
            new IpcMessage { Info = MessageInfo.Of(label, length, capCount, nonBlocking), Word0 = word0, Word1 = word1, Word2 = word2, Word3 = word3 };
    }
}
