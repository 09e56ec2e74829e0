// The layout of a thread's IPC buffer: the 4 KiB frame ThreadConfigure names, mapped in the thread's own
// address space, which carries what does not fit in registers. Message word i (i >= RegisterWords) sits at
// byte offset 8 * i, so a message is one array whose first RegisterWords entries travel in rdx, r10, r8
// and r9 instead; the kernel copies words RegisterWords..length-1 from the sender's buffer to the same
// offsets in the receiver's. After the words: the capabilities a sender sends (CapSlot encodings, used only
// with the Grant right on the endpoint capability), and the slots where a receiver accepts capabilities
// (0: accepts none there).
namespace MinimalOS.Abi
{
    public static class IpcBuffer
    {
        public const int RegisterWords = 4;
        public const int MaxMessageWords = 480;
        public const int MaxCaps = 3;
        public const int SendCapsOffset = MaxMessageWords * 8;
        public const int ReceiveSlotsOffset = SendCapsOffset + MaxCaps * 8;
        public const int UsedBytes = ReceiveSlotsOffset + MaxCaps * 8;

        public static int WordOffset(int index) => index * 8;
    }
}
