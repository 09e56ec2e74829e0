// Making kernel objects for a test: retype from the test untyped into fresh scratch slots of the root
// CNode. A refusal fails the test (making objects is set-up, not what the test checks).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static class Objects
    {
        public const int SmallFrameBits = 12;
        public const int LargeFrameBits = 21;

        /// <summary>One new object; its slot.</summary>
        public static CapSlot Make(ObjectType type, ulong sizeBits = 0) => TestEnvironment.Root.Slot(MakeIndex(type, sizeBits));

        public static uint MakeIndex(ObjectType type, ulong sizeBits = 0)
        {
            uint index = TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.TestUntyped, type, sizeBits, TestEnvironment.CNode, index, 1), "set-up: UntypedRetype");
            return index;
        }

        /// <summary>A copy of <paramref name="source"/> with rights ∩ <paramref name="mask"/> in a fresh slot.</summary>
        public static CapSlot Copy(CapSlot source, CapRights mask)
        {
            CapSlot copy = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapCopy(source, copy, mask), "set-up: CapCopy");
            return copy;
        }

        /// <summary>The object type CapIdentify reports for <paramref name="slot"/> (Null when empty).</summary>
        public static ObjectType TypeOf(CapSlot slot)
        {
            Check.Ok(Syscalls.CapIdentify(slot, out ulong shape, out _), "CapIdentify");
            return (ObjectType)(shape & 0xFF);
        }

        public static CapRights RightsOf(CapSlot slot)
        {
            Check.Ok(Syscalls.CapIdentify(slot, out ulong shape, out _), "CapIdentify");
            return (CapRights)((shape >> 8) & 0xFF);
        }

        public static ulong DetailOf(CapSlot slot)
        {
            Check.Ok(Syscalls.CapIdentify(slot, out _, out ulong detail), "CapIdentify");
            return detail;
        }
    }
}
