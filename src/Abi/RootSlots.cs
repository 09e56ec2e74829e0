// Where the kernel puts the root task's fixed capabilities in its root CNode. Slot 0 stays empty (a
// forgotten slot number then names nothing rather than something powerful).
namespace MinimalOS.Abi
{
    public static class RootSlots
    {
        public const uint CNode = 1;
        public const uint AddressSpace = 2;
        public const uint Thread = 3;
        public const uint Process = 4;
        public const uint BootInfoFrame = 5;
        public const uint DebugLog = 6;
        public const uint IrqControl = 7;
        public const uint IoPortControl = 8;
        /// <summary>The first slot after the fixed ones: image frames, untyped memory and free slots follow.</summary>
        public const uint FirstDynamic = 16;
    }
}
