// Kernel tests of the capability core compiled by ilc and run in ring 0 on real frames through the direct
// map: retype from an untyped over a 64 KiB run, copy/mint/move, resolve a two-level path, a CNode that
// holds its own last capability, and revoke giving the whole region back. The host property tests check
// the logic; these check that the core (and its generic hook path) builds and behaves in the kernel.
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class CapabilityCoreTests
    {
        private const int RegionBits = 16;
        private const ulong RegionFrames = (1UL << RegionBits) / FrameAllocator.FrameSize;

        private struct CountingHooks : ICapabilityHooks
        {
            public int Deleted;
            public int Final;

            public void OnDelete(CapabilitySlot* slot, bool final)
            {
                Deleted++;
                if (final)
                    Final++;
            }

            public int HeldSlots(CapabilitySlot* finalSlot, out CapabilitySlot* first)
            {
                first = null;
                return 0;
            }
        }

        public static void Register(KernelTestList tests)
        {
            tests.Add("Capabilities.RetypeCopyResolveRevoke", &RetypeCopyResolveRevoke);
        }

        // Split in stages that are never inlined: one method with every Expect inlined needs a stack frame
        // over a page, which would need a stack probe the kernel does not have.
        private static void RetypeCopyResolveRevoke()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            Expect.True(frames.TryAllocateZeroed(out PhysicalAddress bootFrame), "a frame for the boot slots");
            Expect.True(frames.TryAllocateContiguous(RegionFrames, 1UL << RegionBits, false, out PhysicalAddress region), "a 64 KiB aligned run");
            var boot = (CapabilitySlot*)frames.DirectMap.ToPointer(bootFrame);
            Retype(boot, region, frames.DirectMap);
            CopyAndResolve(boot);
            DeleteAndRevoke(boot);
            Expect.True(frames.FreeContiguous(region, RegionFrames) == FrameFreeResult.Freed, "run freed");
            Expect.True(frames.FreeFrame(bootFrame) == FrameFreeResult.Freed, "boot frame freed");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Retype(CapabilitySlot* boot, PhysicalAddress region, DirectMap map)
        {
            Expect.True(RootCapabilities.CreateUntyped(boot, region, RegionBits) == SyscallError.None, "root untyped");
            Expect.True(UntypedMemory.Retype(boot, ObjectType.CNode, 4, boot + 1, 1, map) == SyscallError.None, "retype a CNode");
            CapabilitySlot* cnode = boot + 1;
            Expect.True(UntypedMemory.Retype(boot, ObjectType.Endpoint, 0, cnode->CNodeSlots + 3, 2, map) == SyscallError.None, "retype two endpoints into it");
            Expect.True(CapabilityOperations.Mint(cnode->CNodeSlots + 3, boot + 2, CapRights.Write, 42) == SyscallError.None, "mint a badged copy");
            Expect.True(boot[2].Badge == 42UL, "badge");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CopyAndResolve(CapabilitySlot* boot)
        {
            CapabilitySlot* cnode = boot + 1;
            Expect.True(CapabilityOperations.Copy(cnode, boot + 4, CapRights.All) == SyscallError.None, "copy the CNode capability");
            Expect.True(CapabilitySpace.Resolve(boot + 4, CapSlot.At(4, 4), out CapabilitySlot* found) == SyscallError.None, "resolve slot 4");
            Expect.True(found == cnode->CNodeSlots + 4, "the second endpoint's slot");
            Expect.True(CapabilityOperations.Move(boot + 4, cnode->CNodeSlots + 0) == SyscallError.None, "the CNode holds a capability to itself");
            Expect.True(CapabilitySpace.Resolve(boot + 1, CapSlot.At(3, 8), out found) == SyscallError.None, "resolve through the self capability");
            Expect.True(found == cnode->CNodeSlots + 3, "the first endpoint's slot");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void DeleteAndRevoke(CapabilitySlot* boot)
        {
            var hooks = new CountingHooks();
            Expect.True(CapabilityOperations.Delete(boot + 1, ref hooks) == SyscallError.None, "delete the outer CNode capability");
            Expect.True(hooks.Deleted == 1, "only that capability: the CNode still holds one to itself");
            Expect.True(CapabilityOperations.Revoke(boot, ref hooks) == SyscallError.None, "revoke the untyped");
            Expect.True(hooks.Deleted == 5, "every capability made from it");
            Expect.True(hooks.Final == 3, "the CNode and both endpoints destroyed");
            Expect.True(UntypedMemory.TotalFreeBytes(boot) == 1UL << RegionBits, "the whole region free again");
            Expect.True(boot[2].IsEmpty, "the badged copy is gone");
        }
    }
}
