// Makes call i of a run from (seed, i) alone: a number in 0..47 (34..47 and the odd random 64-bit number
// are unknown calls; ThreadExit is drawn rarely, since each one costs a restart), then arguments. Three
// calls in four draw each argument from the pool of its role in that call (a slot of the fuzz CNode, a
// user pointer, rights, an object type, size bits, a count, ...), so calls get past the first checks and
// reach deeper ones; the rest draw every argument from the edge values and random words. Pointer pools
// prefer the slot where the call's kind of capability starts, or the work slots where retype puts what it
// makes, so that made objects get used. Pointer pools hold null, the scratch page and its edges, the image (read-only), unmapped, last-page, 2^47,
// non-canonical and kernel addresses. The one call that writes user memory (ThreadReadRegisters) and the
// one that reads registers to install (ThreadWriteRegisters) never get a pointer into the fuzz thread's
// own image, data, stack or shared page: that is what keeps the fuzzer alive whatever it calls.
using MinimalOS.Abi;

namespace MinimalOS.Tests.User.Fuzzer
{
    internal unsafe struct FuzzGenerator
    {
        public const int KnownCalls = 34;
        private const int DrawnNumbers = 48;
        private const ulong PageSize = 4096;
        private const ulong RegistersSize = 18 * 8;

        private static readonly ulong[] s_edges =
        {
            0, 1, 2, 0xFFF, 0x1000, 0xFFFF_FFFF, 0x1_0000_0000, ulong.MaxValue, ulong.MaxValue - 1,
            0x0000_8000_0000_0000, 0x0000_7FFF_FFFF_F000, 0x0000_7FFF_FFFF_FFFF, 0x0000_7FFF_FFFF_EFF8,
            0xFFFF_8000_0000_0000, 0xFFFF_FFFF_8000_0000, 0xFFFF_FFFF_8010_0000, 0x8000_0000_0000_0000,
            0x7FFF_FFFF_FFFF_FFFF, 0x00FF_FFFF_FFFF_FFFF, 0x3800_0000_0000_0000, 0x4000_0000_0000_0000,
        };

        // Read, Read|Write, Read|Execute, W+X, Write alone, Execute alone, none, All.
        private static readonly ulong[] s_rights = { 1, 3, 5, 7, 2, 4, 0, 31 };

        private enum Role : byte
        {
            Any, Slot, CNodeSlot, LogSlot, UntypedSlot, SpaceSlot, ThreadSlot, FrameSlot, WorkSlot, Pointer, MapAddress, Rights, Type, SizeBits, Index, Count, Cpu, Priority, Cache, Length, Data, ExitCode,
        }

        private readonly FuzzShared* _shared;

        public FuzzGenerator(FuzzShared* shared) => _shared = shared;

        public FuzzCall Generate(ulong index)
        {
            var random = new SplitMix(_shared->Seed, index);
            var call = new FuzzCall();
            if (random.OneIn(64))
                call.Number = (long)random.Next();
            else
            {
                call.Number = (long)random.Below(DrawnNumbers);
                if (call.Number == (long)Syscall.ThreadExit && !random.OneIn(256))
                    call.Number = (long)random.Below((ulong)Syscall.ThreadExit);
            }
            bool typed = !random.OneIn(4);
            call.A0 = Draw(ref random, typed ? RoleOf(call.Number, 0) : Role.Any);
            call.A1 = Draw(ref random, typed ? RoleOf(call.Number, 1) : Role.Any);
            call.A2 = Draw(ref random, typed ? RoleOf(call.Number, 2) : Role.Any);
            call.A3 = Draw(ref random, typed ? RoleOf(call.Number, 3) : Role.Any);
            call.A4 = Draw(ref random, typed ? RoleOf(call.Number, 4) : Role.Any);
            call.A5 = Draw(ref random, typed ? RoleOf(call.Number, 5) : Role.Any);
            if (call.Number == (long)Syscall.ThreadReadRegisters || call.Number == (long)Syscall.ThreadWriteRegisters)
                call.A1 = Harmless(call.A1);
            // The fuzz thread is alone: an IPC call that waited would wait for ever, so every one asks not to.
            if (IsBlockingIpc(call.Number))
                call.A1 |= MessageInfo.Of(0, 0, nonBlocking: true).Word;
            if (call.Number == (long)Syscall.NotificationWait)
                call.A1 = ShortTimeout(call.A1);
            // A foreign-ABI fuzz thread would hand every later call to a fault handler it does not have.
            if (call.Number == (long)Syscall.ThreadSetForeignAbi && call.A1 == 1)
                call.A1 = 0;
            return call;
        }

        private static bool IsBlockingIpc(long number) =>
            number == (long)Syscall.EndpointSend || number == (long)Syscall.EndpointReceive
            || number == (long)Syscall.EndpointCall || number == (long)Syscall.EndpointReplyReceive;

        // NotificationWait's timeout (A1): never 0 (for ever) for the lone fuzz thread, at most a millisecond.
        private static ulong ShortTimeout(ulong drawn) => 1 + drawn % 1_000_000;

        /// <summary>The pointer itself unless the registers block at it would touch the fuzz thread's own memory; then the scratch page.</summary>
        private ulong Harmless(ulong pointer)
        {
            if (Overlaps(pointer, _shared->ProtectedStart, _shared->ProtectedEnd) || Overlaps(pointer, _shared->StackStart, _shared->StackEnd))
                return _shared->ScratchPage;
            return pointer;
        }

        private static bool Overlaps(ulong pointer, ulong start, ulong end) =>
            pointer < end && (pointer + RegistersSize > start || pointer + RegistersSize < pointer);

        // The role of argument `position` of call `number` (docs/SYSCALLS.md's A0-A5).
        private static Role RoleOf(long number, int position)
        {
            switch ((Syscall)number)
            {
                case Syscall.DebugLog:
                    return position == 0 ? Role.LogSlot : position == 1 ? Role.Pointer : position == 2 ? Role.Length : Role.Any;
                case Syscall.CapCopy:
                case Syscall.CapMint:
                case Syscall.CapMove:
                    return position == 0 ? Role.Slot : position == 1 ? Role.WorkSlot : position == 2 ? Role.Rights : position == 3 ? Role.Data : Role.Any;
                case Syscall.CapDelete:
                case Syscall.CapRevoke:
                case Syscall.CapIdentify:
                    return position == 0 ? Role.Slot : Role.Any;
                case Syscall.FrameUnmap:
                    return position == 0 ? Role.FrameSlot : Role.Any;
                case Syscall.ThreadSuspend:
                case Syscall.ThreadResume:
                    return position == 0 ? Role.ThreadSlot : Role.Any;
                case Syscall.ProcessDestroy:
                    return position == 0 ? Role.WorkSlot : Role.Any;
                case Syscall.UntypedRetype:
                    return position switch
                    {
                        0 => Role.UntypedSlot,
                        1 => Role.Type,
                        2 => Role.SizeBits,
                        3 => Role.CNodeSlot,
                        4 => Role.Index,
                        _ => Role.Count,
                    };
                case Syscall.PageTableMap:
                case Syscall.FrameMap:
                    return position == 0 ? ((Syscall)number == Syscall.PageTableMap ? Role.WorkSlot : Role.FrameSlot) : position == 1 ? Role.SpaceSlot : position == 2 ? Role.MapAddress : position == 3 ? Role.Rights : position == 4 ? Role.Cache : Role.Any;
                case Syscall.FrameProtect:
                    return position == 0 ? Role.FrameSlot : position == 1 ? Role.Rights : Role.Any;
                case Syscall.ThreadConfigure:
                    return position <= 1 ? Role.WorkSlot : position == 2 ? Role.FrameSlot : position == 3 ? Role.Pointer : position == 4 ? Role.Slot : Role.Any;
                case Syscall.ThreadWriteRegisters:
                case Syscall.ThreadReadRegisters:
                    return position == 0 ? Role.ThreadSlot : position == 1 ? Role.Pointer : Role.Any;
                case Syscall.ThreadStart:
                    return position == 0 ? Role.ThreadSlot : position == 1 ? Role.Cpu : Role.Any;
                case Syscall.ThreadSetPriority:
                    return position <= 1 ? Role.ThreadSlot : position <= 3 ? Role.Priority : Role.Any;
                case Syscall.ProcessCreate:
                    return position == 0 ? Role.WorkSlot : position == 1 ? Role.CNodeSlot : position == 2 ? Role.SpaceSlot : Role.Any;
                case Syscall.ThreadExit:
                    return position == 0 ? Role.ExitCode : Role.Any;
                case Syscall.EndpointSend:
                case Syscall.EndpointReceive:
                case Syscall.EndpointCall:
                case Syscall.EndpointReply:
                case Syscall.EndpointReplyReceive:
                case Syscall.NotificationSignal:
                case Syscall.NotificationWait:
                case Syscall.NotificationPoll:
                    return position == 0 ? Role.WorkSlot : Role.Any;
                case Syscall.ThreadBindNotification:
                    return position == 0 ? Role.ThreadSlot : position == 1 ? Role.WorkSlot : Role.Any;
                case Syscall.ThreadSetForeignAbi:
                    return position == 0 ? Role.ThreadSlot : Role.Any;
                default:
                    return Role.Any;
            }
        }

        private ulong Draw(ref SplitMix random, Role role) => role switch
        {
            Role.Slot => Slot(ref random),
            Role.CNodeSlot => random.Below(4) switch
            {
                0 or 1 => CapSlot.At(FuzzSlots.CNode, FuzzSlots.Radix).Encoded,
                2 => CapSlot.At(FuzzSlots.FirstSubCNode + random.Below(FuzzSlots.SubCNodeCount), FuzzSlots.Radix).Encoded,
                _ => Slot(ref random),
            },
            Role.LogSlot => Preferring(ref random, FuzzSlots.DebugLog),
            Role.UntypedSlot => Preferring(ref random, FuzzSlots.Untyped),
            Role.SpaceSlot => Preferring(ref random, FuzzSlots.AddressSpace),
            Role.ThreadSlot => Preferring(ref random, random.OneIn(2) ? FuzzSlots.Thread : WorkSlot(ref random)),
            Role.FrameSlot => Preferring(ref random, FuzzSlots.FirstFrame + random.Below(FuzzSlots.FrameCount)),
            Role.WorkSlot => Preferring(ref random, WorkSlot(ref random)),
            Role.Pointer => Pointer(ref random),
            Role.MapAddress => random.Below(5) switch
            {
                0 or 1 => _shared->PlayArea + PageSize * random.Below(16),
                2 => _shared->PlayArea + (1UL << 21) * random.Below(8),
                _ => Pointer(ref random),
            },
            Role.Rights => random.Below(4) switch
            {
                0 or 1 => s_rights[random.Below((ulong)s_rights.Length)],
                2 => random.Below(256),
                _ => Edge(ref random),
            },
            Role.Type => random.Below(4) switch
            {
                0 or 1 or 2 => random.Below(16),
                _ => random.OneIn(2) ? random.Below(256) : Edge(ref random),
            },
            Role.SizeBits => random.Below(4) switch
            {
                0 => 12,
                1 => 1 + random.Below(21),
                2 => random.Below(65),
                _ => Edge(ref random),
            },
            Role.Index => random.Below(5) switch
            {
                0 or 1 => WorkSlot(ref random),
                2 => FuzzSlots.Populated + random.Below(256 - FuzzSlots.Populated),
                3 => random.Below(16),
                _ => random.OneIn(2) ? 240 + random.Below(32) : Edge(ref random),
            },
            Role.Count => random.Below(4) switch
            {
                0 or 1 => 1 + random.Below(4),
                2 => random.Below(301),
                _ => Edge(ref random),
            },
            Role.Cpu => random.Below(3) switch
            {
                0 => random.Below(_shared->CpuCount + 2),
                1 => ulong.MaxValue,
                _ => Edge(ref random),
            },
            Role.Priority => random.OneIn(4) ? Edge(ref random) : random.Below(41),
            Role.Cache => random.OneIn(4) ? Edge(ref random) : random.Below(4),
            Role.Length => random.Below(6) switch
            {
                0 => random.Below(17),
                1 => 255 + random.Below(3),
                2 => random.Below(300),
                3 => 4096,
                _ => Edge(ref random),
            },
            Role.Data => random.OneIn(2) ? (random.Below(1UL << 12) << 6) | random.Below(64) : Any(ref random),
            Role.ExitCode => random.Below(3),
            _ => Any(ref random),
        };

        private ulong Any(ref SplitMix random) => random.Below(6) switch
        {
            0 or 1 => Edge(ref random),
            2 => Slot(ref random),
            3 => Pointer(ref random),
            4 => random.Below(300),
            _ => random.Next(),
        };

        // Retype puts the objects it makes in the work slots most often, and the calls that use an object
        // look for it there: so made objects get used.
        private static ulong WorkSlot(ref SplitMix random) => FuzzSlots.Populated + random.Below(FuzzSlots.WorkSlots);

        /// <summary>Half the time the slot of the fuzz CNode where the call's kind of capability starts (or is made), else any slot.</summary>
        private static ulong Preferring(ref SplitMix random, ulong index) =>
            random.OneIn(2) ? CapSlot.At(random.OneIn(4) ? WorkSlot(ref random) : index, FuzzSlots.Radix).Encoded : Slot(ref random);

        private static ulong Edge(ref SplitMix random) => s_edges[random.Below((ulong)s_edges.Length)];

        // Mostly the populated slots of the fuzz CNode, then any of its slots, the sub-CNodes' slots (two
        // levels: depth 12), random depths 0-64 and random words.
        private static ulong Slot(ref SplitMix random) => random.Below(10) switch
        {
            0 or 1 or 2 or 3 or 4 => CapSlot.At(random.Below(FuzzSlots.Populated), FuzzSlots.Radix).Encoded,
            5 => CapSlot.At(random.Below(1UL << FuzzSlots.Radix), FuzzSlots.Radix).Encoded,
            6 => CapSlot.At(((FuzzSlots.FirstSubCNode + random.Below(FuzzSlots.SubCNodeCount)) << FuzzSlots.SubCNodeRadix) | random.Below(1UL << FuzzSlots.SubCNodeRadix),
                FuzzSlots.Radix + FuzzSlots.SubCNodeRadix).Encoded,
            7 => (random.Next() & ((1UL << CapSlot.MaxDepth) - 1)) | (random.Below(65) << CapSlot.MaxDepth),
            8 => Edge(ref random),
            _ => random.Next(),
        };

        private ulong Pointer(ref SplitMix random) => random.Below(12) switch
        {
            0 => _shared->ScratchPage,
            1 => _shared->ScratchPage + 8 * random.Below(PageSize / 8),
            2 => _shared->ScratchPage + PageSize - RegistersSize + 8,
            3 => _shared->PlayArea + PageSize * random.Below(16),
            4 => _shared->PlayArea + (1UL << 21) * random.Below(4) + (random.OneIn(2) ? 0UL : 8UL),
            5 => _shared->ProtectedStart + PageSize * random.Below(4),
            6 => (random.Next() & 0x0000_7FFF_FFFF_F000),
            7 => 0x1000 * random.Below(16),
            8 => Edge(ref random),
            9 => 0xFFFF_8000_0000_0000 | random.Next(),
            10 => 0x0000_7FFF_FFFF_F000UL + 8 * random.Below(PageSize / 8 + 1) - RegistersSize,
            _ => random.Next(),
        };
    }
}
