// How much untyped memory each kernel object type takes, as log2 of its size; every object is aligned to its
// size. The one table retype consults: an object type's size is decided here and nowhere else.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Capabilities
{
    public static class ObjectSizes
    {
        public const int MinUntypedBits = 12;
        public const int MaxUntypedBits = 47;
        public const int SmallFrameBits = 12;
        public const int LargeFrameBits = 21;
        public const int MinCNodeRadix = 1;
        public const int MaxCNodeRadix = 16;
        public const int PageTableBits = 12;
        public const int AddressSpaceBits = 13;
        public const int ThreadBits = 15;
        public const int ProcessBits = 12;
        public const int EndpointBits = 6;
        public const int NotificationBits = 6;
        public const int ReplyBits = 5;

        /// <summary>
        /// log2 of the bytes an object of <paramref name="type"/> takes. <paramref name="sizeBits"/> chooses
        /// the size of Untyped (12..47), Frame (12 or 21) and CNode (its radix, 1..16) and is ignored for the
        /// fixed-size types. InvalidArgument for a type retype cannot make, Range for a size it does not offer.
        /// </summary>
        public static SyscallError TryGetObjectBits(ObjectType type, int sizeBits, out int objectBits)
        {
            objectBits = 0;
            switch (type)
            {
                case ObjectType.Untyped:
                    if (sizeBits < MinUntypedBits || sizeBits > MaxUntypedBits)
                        return SyscallError.Range;
                    objectBits = sizeBits;
                    return SyscallError.None;
                case ObjectType.Frame:
                    if (sizeBits != SmallFrameBits && sizeBits != LargeFrameBits)
                        return SyscallError.Range;
                    objectBits = sizeBits;
                    return SyscallError.None;
                case ObjectType.CNode:
                    if (sizeBits < MinCNodeRadix || sizeBits > MaxCNodeRadix)
                        return SyscallError.Range;
                    objectBits = sizeBits + CapabilitySlot.SizeShift;
                    return SyscallError.None;
                case ObjectType.PageTable:
                    objectBits = PageTableBits;
                    return SyscallError.None;
                case ObjectType.AddressSpace:
                    objectBits = AddressSpaceBits;
                    return SyscallError.None;
                case ObjectType.Thread:
                    objectBits = ThreadBits;
                    return SyscallError.None;
                case ObjectType.Process:
                    objectBits = ProcessBits;
                    return SyscallError.None;
                case ObjectType.Endpoint:
                    objectBits = EndpointBits;
                    return SyscallError.None;
                case ObjectType.Notification:
                    objectBits = NotificationBits;
                    return SyscallError.None;
                case ObjectType.Reply:
                    objectBits = ReplyBits;
                    return SyscallError.None;
                default:
                    return SyscallError.InvalidArgument;
            }
        }
    }
}
