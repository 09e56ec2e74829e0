// The message-info word of endpoint IPC (rsi): how many message words and capabilities a message carries,
// its label, and flags. The sender composes it; the receiver gets it back with what actually arrived (the
// lengths may be smaller: a receiver without an IPC buffer gets only the register words, capabilities it
// had no slot for are not transferred). Layout: bits 0-8 length in words, 9-10 capability count, 12 the
// caller asks not to block, 13 (received) the message came from a Call and expects a reply, 14 (received)
// it is the thread's bound notification, not a message (the badge register holds the notification word),
// 16-63 label.
namespace MinimalOS.Abi
{
    public readonly struct MessageInfo
    {
        private const int LengthBits = 9;
        private const int CapCountShift = 9;
        private const ulong CapCountMask = 0x3;
        private const ulong NonBlockingBit = 1UL << 12;
        private const ulong FromCallBit = 1UL << 13;
        private const ulong FromNotificationBit = 1UL << 14;
        private const int LabelShift = 16;
        /// <summary>Bits 11, 14 and 15: must be zero in what a thread sends (14 is FromNotification in what it receives).</summary>
        private const ulong ReservedBits = (1UL << 11) | (1UL << 14) | (1UL << 15);

        public const ulong MaxLabel = (1UL << 48) - 1;

        public ulong Word { get; }

        public MessageInfo(ulong word) => Word = word;

        public static MessageInfo Of(ulong label, int length, int capCount = 0, bool nonBlocking = false) =>
            new MessageInfo((label << LabelShift) | ((uint)capCount & CapCountMask) << CapCountShift | ((uint)length & ((1UL << LengthBits) - 1))
                | (nonBlocking ? NonBlockingBit : 0));

        public int Length => (int)(Word & ((1UL << LengthBits) - 1));
        public int CapCount => (int)((Word >> CapCountShift) & CapCountMask);
        public ulong Label => Word >> LabelShift;
        public bool NonBlocking => (Word & NonBlockingBit) != 0;
        public bool FromCall => (Word & FromCallBit) != 0;
        public bool FromNotification => (Word & FromNotificationBit) != 0;

        /// <summary>Whether a sender's word is well formed: no reserved bit, no received-only flag, the length and count within bounds.</summary>
        public bool IsValidToSend => (Word & (ReservedBits | FromCallBit)) == 0 && Length <= IpcBuffer.MaxMessageWords && CapCount <= IpcBuffer.MaxCaps;

        /// <summary>What the receiver is given: the label, the lengths that arrived and whether it came from a Call.</summary>
        public static MessageInfo Received(ulong label, int length, int capCount, bool fromCall) =>
            new MessageInfo((label << LabelShift) | ((ulong)(uint)capCount << CapCountShift) | (uint)length | (fromCall ? FromCallBit : 0));

        /// <summary>What a receive returns when the thread's bound notification ends it instead of a message.</summary>
        public static MessageInfo ReceivedNotification => new MessageInfo(FromNotificationBit);
    }
}
