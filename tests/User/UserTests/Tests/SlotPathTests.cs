// Slot paths (CapSlot): the seL4-style resolution docs/SYSCALLS.md describes, and every way a forged name
// fails with InvalidCapability - depth 0, depth above 56, too few bits for the root's radix, bits left over
// at a slot that is not a CNode, a guard that does not match - while a correct two-level path through a
// CNode (with and without a guard) names the slot inside it.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class SlotPathTests
    {
        private const int ChildRadix = 4;

        public static void Register()
        {
            UserTestRunner.Add("Slots.ForgedDepthsAreInvalid", &ForgedDepthsAreInvalid);
            UserTestRunner.Add("Slots.PathThroughANonCNodeIsInvalid", &PathThroughANonCNodeIsInvalid);
            UserTestRunner.Add("Slots.TwoLevelPathNamesTheInnerSlot", &TwoLevelPathNamesTheInnerSlot);
            UserTestRunner.Add("Slots.GuardMustMatch", &GuardMustMatch);
        }

        private static void ForgedDepthsAreInvalid()
        {
            uint log = RootSlots.DebugLog;
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.FromRegister(log)), "CapIdentify(depth 0)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.FromRegister(log | 57UL << 56)), "CapIdentify(depth 57)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.FromRegister(log | 255UL << 56)), "CapIdentify(depth 255)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At(log, 11)), "CapIdentify(depth 11 < the root radix 12)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At(log, 1)), "CapIdentify(depth 1)");
            Check.Error(SyscallError.InvalidCapability, Syscalls.DebugLog(CapSlot.FromRegister(log | 57UL << 56), "x"u8), "DebugLog(depth 57)");
            Check.Ok(Identify(CapSlot.At(log, 12)), "CapIdentify(the same slot at depth 12)");
            Syscalls.CapIdentify(CapSlot.FromRegister(log), out ulong shape, out ulong detail);
            Check.Equal(0, shape | detail, "CapIdentify results after a failure");
        }

        private static void PathThroughANonCNodeIsInvalid()
        {
            // Depth 16: the root consumes 12 bits and lands on the DebugLog slot with 4 bits left over.
            CapSlot through = CapSlot.At((ulong)RootSlots.DebugLog << 4 | 3, 16);
            Check.Error(SyscallError.InvalidCapability, Identify(through), "CapIdentify(a path that continues through the DebugLog slot)");
            Check.Error(SyscallError.InvalidCapability, Syscalls.DebugLog(through, "x"u8), "DebugLog(a path through the DebugLog slot)");
            CapSlot throughEmpty = CapSlot.At(0UL << 4 | 3, 16);
            Check.Error(SyscallError.InvalidCapability, Identify(throughEmpty), "CapIdentify(a path through empty slot 0)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At((ulong)RootSlots.DebugLog << 44, 56)), "CapIdentify(depth 56 through the DebugLog slot)");
        }

        private static void TwoLevelPathNamesTheInnerSlot()
        {
            uint child = Objects.MakeIndex(ObjectType.CNode, ChildRadix);
            CapSlot childCNode = TestEnvironment.Root.Slot(child);
            Check.Ok(Syscalls.CapCopy(TestEnvironment.DebugLog, Inner(child, 5), CapRights.Write), "CapCopy(DebugLog -> slot 5 of a radix-4 CNode)");
            Check.Equal((ulong)ObjectType.DebugLog, (ulong)Objects.TypeOf(Inner(child, 5)), "the inner slot, named by a depth-16 path");
            Check.Ok(Syscalls.DebugLog(Inner(child, 5), "usertests: through a two-level slot path"u8), "DebugLog through the inner slot");
            Check.Error(SyscallError.SlotEmpty, Syscalls.DebugLog(Inner(child, 6), "x"u8), "DebugLog through an empty inner slot");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At((ulong)child << 5, 17)), "CapIdentify(depth 17: a bit left over after the inner CNode)");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At((ulong)child << 2, 14)), "CapIdentify(depth 14: too few bits for the inner radix)");
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Frame, Objects.SmallFrameBits, childCNode, 15, 1), "UntypedRetype into the inner CNode's last slot");
            Check.Equal((ulong)ObjectType.Frame, (ulong)Objects.TypeOf(Inner(child, 15)), "the retyped frame in the inner CNode");
            Check.Error(SyscallError.Range, Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Frame, Objects.SmallFrameBits, childCNode, 16, 1), "UntypedRetype into slot 16 of a 16-slot CNode");
            Check.Error(SyscallError.Range, Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Frame, Objects.SmallFrameBits, childCNode, 14, 3), "UntypedRetype of 3 objects from slot 14 of a 16-slot CNode");
        }

        private static void GuardMustMatch()
        {
            uint child = Objects.MakeIndex(ObjectType.CNode, ChildRadix);
            uint guarded = TestEnvironment.NewSlotIndex();
            const ulong guard = 0x2D, guardBits = 6;
            Check.Ok(Syscalls.CapMint(TestEnvironment.Root.Slot(child), TestEnvironment.Root.Slot(guarded), CapRights.All, guard << 6 | guardBits), "CapMint(CNode, guard 0x2D of 6 bits)");
            Check.Ok(Syscalls.CapCopy(TestEnvironment.DebugLog, CapSlot.At((ulong)child << 4 | 9, 16), CapRights.Write), "CapCopy into slot 9 of the unguarded original");
            // Through the guarded copy a path is root index, then the 6 guard bits, then the 4 index bits.
            ulong path = ((ulong)guarded << 10) | (guard << 4) | 9;
            Check.Equal((ulong)ObjectType.DebugLog, (ulong)Objects.TypeOf(CapSlot.At(path, 22)), "slot 9 through the guarded CNode with the right guard");
            ulong wrong = ((ulong)guarded << 10) | ((guard ^ 1) << 4) | 9;
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At(wrong, 22)), "CapIdentify through the guarded CNode with a wrong guard");
            Check.Error(SyscallError.InvalidCapability, Identify(CapSlot.At((ulong)guarded << 4 | 9, 16)), "CapIdentify through the guarded CNode without the guard bits");
        }

        private static SyscallError Identify(CapSlot slot) => Syscalls.CapIdentify(slot, out _, out _);

        private static CapSlot Inner(uint child, uint index) => CapSlot.At((ulong)child << ChildRadix | index, 12 + ChildRadix);
    }
}
