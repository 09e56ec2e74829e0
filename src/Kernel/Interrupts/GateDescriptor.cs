// Bit layout of a 16-byte x86_64 IDT interrupt gate as pure functions. An interrupt gate (not a trap gate)
// clears IF on entry, so a handler never nests under a maskable interrupt it did not ask for. Values only.
namespace MinimalOS.Kernel.Interrupts
{
    public static class GateDescriptor
    {
        private const ulong InterruptGate64 = 0xEUL << 40;
        private const ulong Present = 1UL << 47;
        private const int PrivilegeShift = 45;
        private const int IstShift = 32;

        /// <summary>Highest Interrupt Stack Table index (0 means "stay on the current stack").</summary>
        public const int MaxIst = 7;

        /// <summary>
        /// First 8 bytes of an interrupt gate to <paramref name="handler"/> in code segment
        /// <paramref name="codeSelector"/>, on IST stack <paramref name="ist"/> (0 = none), callable by
        /// `int n` from privilege <paramref name="callerPrivilege"/> and above.
        /// </summary>
        public static ulong Low(ulong handler, ushort codeSelector, int ist, int callerPrivilege) =>
            (handler & 0xFFFF) | ((ulong)codeSelector << 16) | ((ulong)(ist & MaxIst) << IstShift)
            | InterruptGate64 | ((ulong)(callerPrivilege & 3) << PrivilegeShift) | Present
            | ((handler >> 16 & 0xFFFF) << 48);

        /// <summary>Second 8 bytes: the upper half of the handler address.</summary>
        public static ulong High(ulong handler) => handler >> 32;
    }
}
