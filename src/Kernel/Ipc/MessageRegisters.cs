// The registers an IPC message travels in, as a thread's saved frame holds them: on the way in the
// capability invoked (rdi), the message info (rsi) and message words 0-3 (rdx, r10, r8, r9) - the
// system-call argument registers A0-A5 - and on the way out the sender's badge in rdi in place of the
// capability. Plain words: nothing here is trusted.
namespace MinimalOS.Kernel.Ipc
{
    public struct MessageRegisters
    {
        /// <summary>rdi: the capability invoked on the way in, the badge on the way out.</summary>
        public ulong CapabilityOrBadge;
        /// <summary>rsi: the MessageInfo word.</summary>
        public ulong Info;
        public ulong Word0, Word1, Word2, Word3;
    }
}
