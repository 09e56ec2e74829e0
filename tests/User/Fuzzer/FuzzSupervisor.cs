// The root task's side of a fuzz run. It builds the fuzz process (a ChildProcess running FuzzThread.Run)
// from one pool untyped and gives its CNode only copies - its CNode, address space and thread, the
// DebugLog, two small CNodes, two frames - and an untyped of its own; everything that keeps the fuzz
// thread alive stays in the root CNode. It supervises: a self-suspended fuzz thread is resumed; at the end
// of each epoch the fuzz thread exits, the root task revokes the fuzz untyped's parent (every object the
// thread made goes), empties the fuzz CNode and its sub-CNodes and puts the starting capabilities back;
// a thread that exited otherwise or faulted gets the same and a fresh copy of its data as well. A new
// thread goes on at the next call. No progress for 30 s is a hang. Afterwards it destroys the process, revokes the pool, and checks
// that the pool's and its parent's free bytes are back at their baselines and that the kernel still makes
// a process whose thread runs and exits. Every problem it finds counts as a failure and is logged.
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Fuzzer
{
    internal static unsafe class FuzzSupervisor
    {
        private const int PoolBits = 24;
        private const int KeepBits = 16;
        private const ulong ScratchPage = 0x0000_7000_0002_0000;
        private const ulong PlayArea = 0x0000_5000_0000_0000;
        private const ulong FuzzPriority = 16;
        private const ulong RootPriority = 16;
        private const ulong RootMaxControlledPriority = 31;
        private const ulong HangNanoseconds = 30_000_000_000;
        private const ulong ProbeExitCode = 0x600D;
        private const int LoggedRestarts = 8;

        private static readonly LogLine s_line = new LogLine();
        private static ulong s_failures;
        private static ulong s_seed;
        private static uint s_pool;
        private static uint s_poolParent;
        private static ulong s_parentBaseline;
        private static uint s_mark;
        private static CapSlot s_shared;
        private static uint s_fuzzUntypedParent;
        private static uint s_firstSubCNode;
        private static uint s_firstFrame;

        private static FuzzShared* Shared => (FuzzShared*)ChildProcess.SharedPage;

        /// <summary>Runs <paramref name="calls"/> fuzzed calls from <paramref name="seed"/>; the number of failures found (the closing line is logged).</summary>
        public static ulong Run(ulong seed, ulong calls)
        {
            s_seed = seed;
            s_line.Begin("fuzz: seed ").AddDecimal(seed).Add(", ").AddDecimal(calls).Add(" calls").WriteTo(RootSpace.DebugLog);
            ulong made = 0;
            SyscallError error = Prepare();
            if (error != SyscallError.None)
                Fail("set-up failed with error ", (ulong)error);
            else
            {
                made = Fuzz(seed, calls);
                TearDownAndCheck("after fuzzing");
                Probe();
                TearDownAndCheck("after the probe process");
            }
            s_line.Begin("fuzz: ").AddDecimal(made).Add(" calls, ").AddDecimal(s_failures).Add(" failures (seed ").AddDecimal(seed).Add(")").WriteTo(RootSpace.DebugLog);
            return s_failures;
        }

        // The pool every fuzz object comes from, and a small untyped for the shared page (never revoked).
        private static SyscallError Prepare()
        {
            SyscallError error = RootSpace.CarveUntyped(KeepBits, out uint keep, out _);
            uint shared = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(RootSpace.Slot(keep), ObjectType.Frame, 12, out shared);
            s_shared = RootSpace.Slot(shared);
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(RootSpace.Slot(keep), s_shared, RootSpace.AddressSpace, ChildProcess.SharedPage, CapRights.Read | CapRights.Write);
            if (error == SyscallError.None)
                error = RootSpace.CarveUntyped(PoolBits, out s_pool, out s_poolParent);
            s_parentBaseline = RootSpace.FreeBytes(RootSpace.Slot(s_poolParent));
            s_mark = RootSpace.SlotMark;
            return error;
        }

        private static ulong Fuzz(ulong seed, ulong calls)
        {
            FuzzShared* shared = Shared;
            *shared = default;
            shared->Seed = seed;
            shared->Calls = calls;
            shared->CpuCount = RootSpace.CpuCount;
            shared->ScratchPage = ScratchPage;
            shared->PlayArea = PlayArea;
            shared->StackStart = ChildProcess.StackTop - ChildProcess.StackPages * 4096UL;
            shared->StackEnd = ChildProcess.SharedPage + 4096;
            CapSlot pool = RootSpace.Slot(s_pool);
            SyscallError error = RootSpace.Make(pool, ObjectType.Untyped, 15, out uint threadUntypedSlot);
            CapSlot threadUntyped = RootSpace.Slot(threadUntypedSlot);
            ChildProcess child = null;
            if (error == SyscallError.None)
                error = ChildProcess.Create(pool, FuzzSlots.Radix, s_shared, out child);
            if (error == SyscallError.None)
            {
                shared->ProtectedStart = child.Image.TextStart;
                shared->ProtectedEnd = child.Image.End;
                error = GiveCapabilities(child, pool);
            }
            if (error == SyscallError.None)
                error = StartFuzzThread(child, threadUntyped);
            if (error != SyscallError.None)
            {
                Fail("building the fuzz process failed with error ", (ulong)error);
                return 0;
            }
            // The fuzz thread may lower its priority down to 0: the root task waits below it so it never starves it.
            Syscalls.ThreadSetPriority(RootSpace.Thread, RootSpace.Thread, 0, RootMaxControlledPriority);
            Supervise(child, threadUntyped);
            Syscalls.ThreadSetPriority(RootSpace.Thread, RootSpace.Thread, RootPriority, RootMaxControlledPriority);
            ulong made = (ulong)Volatile.Read(ref shared->NextCall);
            ReportThreadFailures(shared);
            error = Syscalls.ProcessDestroy(child.Process);
            if (error != SyscallError.None)
                Fail("ProcessDestroy of the fuzz process failed with error ", (ulong)error);
            return made < calls ? made : calls;
        }

        private static void Supervise(ChildProcess child, CapSlot threadUntyped)
        {
            FuzzShared* shared = Shared;
            ulong restarts = 0, resumes = 0, epochs = 0;
            ulong progress = 0;
            Syscalls.ClockMonotonic(out ulong progressTime);
            while (true)
            {
                ThreadRunState state = child.ThreadState;
                ulong next = (ulong)Volatile.Read(ref shared->NextCall);
                Syscalls.ClockMonotonic(out ulong now);
                if (next != progress)
                {
                    progress = next;
                    progressTime = now;
                }
                if (state == ThreadRunState.Running)
                {
                    if (now - progressTime > HangNanoseconds)
                    {
                        FailWithCall("no progress for 30 s (hang) in call ", next - 1, shared);
                        return;
                    }
                    Syscalls.Yield();
                    continue;
                }
                if (state == ThreadRunState.Suspended)
                {
                    resumes++;
                    Syscalls.ThreadResume(child.Thread);
                    continue;
                }
                if (state == ThreadRunState.Exited && Volatile.Read(ref shared->Done) != 0)
                    break;
                if (next >= shared->Calls && state != ThreadRunState.Faulted)
                    break;
                Syscalls.ThreadReadRegisters(child.Thread, out UserRegisters registers, out _, out ulong detail);
                bool epochEnd = state == ThreadRunState.Exited && detail == FuzzShared.EpochExitCode;
                if (epochEnd)
                    epochs++;
                else if (++restarts <= LoggedRestarts)
                    LogRestart(state, detail, registers.Rip, next);
                string step = "destroying the thread";
                SyscallError error = child.DestroyThread();
                if (error == SyscallError.None)
                {
                    step = "refreshing the fuzz CNode";
                    error = PlaceCapabilities(child);
                }
                if (error == SyscallError.None && !epochEnd)
                {
                    step = "refilling the data";
                    error = child.RefillData();
                }
                if (error == SyscallError.None)
                {
                    step = "starting a new thread";
                    error = StartFuzzThread(child, threadUntyped);
                }
                if (error != SyscallError.None)
                {
                    s_line.Begin("fuzz: restart (thread state ").AddDecimal((ulong)state).Add(", detail ").AddHex(detail).Add("): ").Add(step).WriteTo(RootSpace.DebugLog);
                    FailWithCall("restarting the fuzz thread failed with error ", (ulong)error, shared);
                    return;
                }
            }
            s_line.Begin("fuzz: ").AddDecimal(epochs).Add(" epochs, ").AddDecimal(restarts).Add(" restarts, ").AddDecimal(resumes).Add(" resumes; successes by call:");
            for (int i = 0; i < FuzzGenerator.KnownCalls; i++)
                s_line.Add(" ").AddDecimal(shared->Successes[i]);
            s_line.WriteTo(RootSpace.DebugLog);
        }

        private static void LogRestart(ThreadRunState state, ulong detail, ulong rip, ulong next)
        {
            s_line.Begin("fuzz: restart after call ").AddDecimal(next - 1).Add(": thread state ").AddDecimal((ulong)state)
                .Add(", detail ").AddHex(detail).Add(", rip ").AddHex(rip).WriteTo(RootSpace.DebugLog);
        }

        private static SyscallError StartFuzzThread(ChildProcess child, CapSlot threadUntyped)
        {
            SyscallError error = child.StartThread(&FuzzThread.Run, ChildProcess.SharedPage, FuzzPriority, Syscalls.AnyCpu, threadUntyped);
            // Its own thread capability: a copy in its CNode. It goes with every other copy when the thread is replaced.
            if (error == SyscallError.None)
                error = Place(child, FuzzSlots.Thread, child.Thread);
            return error;
        }

        // The objects behind the fuzz CNode's starting capabilities, and the scratch page; all held by the root task.
        private static SyscallError GiveCapabilities(ChildProcess child, CapSlot pool)
        {
            SyscallError error = RootSpace.Make(pool, ObjectType.Untyped, FuzzSlots.UntypedBits, out s_fuzzUntypedParent);
            s_firstSubCNode = RootSpace.SlotMark;
            for (uint i = 0; i < FuzzSlots.SubCNodeCount && error == SyscallError.None; i++)
                error = RootSpace.Make(pool, ObjectType.CNode, FuzzSlots.SubCNodeRadix, out _);
            s_firstFrame = RootSpace.SlotMark;
            for (uint i = 0; i < FuzzSlots.FrameCount && error == SyscallError.None; i++)
                error = RootSpace.Make(pool, ObjectType.Frame, 12, out _);
            uint scratch = 0, rootCopy = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(pool, ObjectType.Frame, 12, out scratch);
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(pool, RootSpace.Slot(scratch), child.AddressSpace, ScratchPage, CapRights.Read | CapRights.Write);
            if (error == SyscallError.None)
            {
                rootCopy = RootSpace.TakeSlot();
                error = Syscalls.CapCopy(RootSpace.Slot(scratch), RootSpace.Slot(rootCopy), CapRights.All);
            }
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(pool, RootSpace.Slot(rootCopy), RootSpace.AddressSpace, ScratchPage, CapRights.Read | CapRights.Write);
            // Page tables for the first 2 MiB of the play area, kept in place by a frame in its last page.
            uint anchor = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(pool, ObjectType.Frame, 12, out anchor);
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(pool, RootSpace.Slot(anchor), child.AddressSpace, PlayArea + (1UL << 21) - 4096, CapRights.Read);
            if (error == SyscallError.None)
            {
                FillScratch(child.Image);
                error = PlaceCapabilities(child);
            }
            return error;
        }

        // Back to the starting capabilities (FuzzSlots): every object made from the fuzz untyped goes, every
        // slot of the fuzz CNode and its sub-CNodes is emptied, then the copies and a new untyped go in.
        private static SyscallError PlaceCapabilities(ChildProcess child)
        {
            SyscallError error = Syscalls.CapRevoke(RootSpace.Slot(s_fuzzUntypedParent));
            for (uint i = 0; i < 1u << FuzzSlots.Radix; i++)
                Syscalls.CapDelete(child.ChildSlotFromRoot(i));
            for (uint c = 0; c < FuzzSlots.SubCNodeCount; c++)
            {
                for (uint i = 0; i < 1u << FuzzSlots.SubCNodeRadix; i++)
                    Syscalls.CapDelete(CapSlot.At(((ulong)(s_firstSubCNode + c) << FuzzSlots.SubCNodeRadix) | i, RootSpace.Radix + FuzzSlots.SubCNodeRadix));
            }
            if (error == SyscallError.None)
                error = Place(child, FuzzSlots.CNode, child.CNode);
            if (error == SyscallError.None)
                error = Place(child, FuzzSlots.AddressSpace, child.AddressSpace);
            if (error == SyscallError.None)
                error = Place(child, FuzzSlots.DebugLog, RootSpace.DebugLog);
            if (error == SyscallError.None)
                error = Syscalls.UntypedRetype(RootSpace.Slot(s_fuzzUntypedParent), ObjectType.Untyped, FuzzSlots.UntypedBits, child.CNode, FuzzSlots.Untyped, 1);
            for (uint i = 0; i < FuzzSlots.SubCNodeCount && error == SyscallError.None; i++)
                error = Place(child, FuzzSlots.FirstSubCNode + i, RootSpace.Slot(s_firstSubCNode + i));
            for (uint i = 0; i < FuzzSlots.FrameCount && error == SyscallError.None; i++)
                error = Place(child, FuzzSlots.FirstFrame + i, RootSpace.Slot(s_firstFrame + i));
            return error;
        }

        // Random words for ThreadWriteRegisters to install, none of them an address of the fuzz thread's own memory.
        private static void FillScratch(ImageLayout image)
        {
            var words = (ulong*)ScratchPage;
            var random = new SplitMix(s_seed, ulong.MaxValue);
            for (int i = 0; i < 512; i++)
            {
                ulong word = random.OneIn(2) ? random.Next() : random.Next() & 0x0000_7FFF_FFFF_FFFF;
                bool own = (word >= image.TextStart && word < image.End) || (word >= ChildProcess.StackTop - 0x10_0000 && word < ScratchPage + 4096);
                words[i] = own ? 0 : word;
            }
        }

        private static SyscallError Place(ChildProcess child, uint index, CapSlot source)
        {
            CapSlot target = child.ChildSlotFromRoot(index);
            Syscalls.CapDelete(target);
            return Syscalls.CapCopy(source, target, CapRights.All);
        }

        // Everything made for the run goes: the pool is revoked (its objects wherever the fuzz thread moved
        // them), the copies left in the root CNode are deleted; then both untyped must be back at baseline.
        private static void TearDownAndCheck(string when)
        {
            CapSlot pool = RootSpace.Slot(s_pool);
            SyscallError error = Syscalls.CapRevoke(pool);
            if (error != SyscallError.None)
                Fail("revoking the pool failed with error ", (ulong)error);
            for (uint slot = s_mark; slot < RootSpace.SlotMark; slot++)
                Syscalls.CapDelete(RootSpace.Slot(slot));
            RootSpace.ReturnSlotsTo(s_mark);
            ulong free = RootSpace.FreeBytes(pool);
            if (free != 1UL << PoolBits)
                FailBaseline(when, "pool untyped", free, 1UL << PoolBits);
            free = RootSpace.FreeBytes(RootSpace.Slot(s_poolParent));
            if (free != s_parentBaseline)
                FailBaseline(when, "boot untyped", free, s_parentBaseline);
        }

        // The kernel still makes a process whose thread runs C# and exits with the code it chose.
        private static void Probe()
        {
            FuzzShared* shared = Shared;
            shared->Done = 0;
            SyscallError error = ChildProcess.Create(RootSpace.Slot(s_pool), 4, s_shared, out ChildProcess child);
            if (error == SyscallError.None)
                error = child.StartThread(&ProbeBody, ChildProcess.SharedPage, FuzzPriority, Syscalls.AnyCpu);
            if (error != SyscallError.None)
            {
                Fail("the probe process could not be made: error ", (ulong)error);
                return;
            }
            Syscalls.ClockMonotonic(out ulong start);
            while (child.ThreadState == ThreadRunState.Running)
            {
                Syscalls.ClockMonotonic(out ulong now);
                if (now - start > HangNanoseconds)
                    break;
                Syscalls.Yield();
            }
            error = Syscalls.ThreadReadRegisters(child.Thread, out _, out ThreadRunState state, out ulong code);
            if (error != SyscallError.None || state != ThreadRunState.Exited || code != ProbeExitCode || Volatile.Read(ref shared->Done) != (long)ProbeExitCode)
                Fail("the probe thread did not run to its exit: state ", (ulong)state);
            Syscalls.ProcessDestroy(child.Process);
        }

        private static void ProbeBody(ulong sharedAddress)
        {
            Volatile.Write(ref ((FuzzShared*)sharedAddress)->Done, (long)ProbeExitCode);
            Syscalls.ThreadExit(ProbeExitCode);
        }

        private static void ReportThreadFailures(FuzzShared* shared)
        {
            ulong failures = (ulong)Volatile.Read(ref shared->Failures);
            s_failures += failures;
            for (ulong i = 0; i < failures && i < FuzzShared.MaxRecords; i++)
            {
                ulong* record = shared->Records + i * FuzzShared.RecordWords;
                s_line.Begin("fuzz: failure at call ").AddDecimal(record[0]).Add(" (seed ").AddDecimal(s_seed).Add("): syscall ").AddDecimal(record[1]).Add("(");
                for (int a = 0; a < 6; a++)
                    s_line.AddHex(record[2 + a]).Add(a < 5 ? ", " : ")");
                s_line.Add(" -> error ").AddDecimal(record[8]).Add(", results ").AddHex(record[9]).Add(" ").AddHex(record[10]).Add(", violation ").AddDecimal(record[11]).WriteTo(RootSpace.DebugLog);
            }
        }

        private static void Fail(string what, ulong value)
        {
            s_failures++;
            s_line.Begin("fuzz: failure (seed ").AddDecimal(s_seed).Add("): ").Add(what).AddDecimal(value).WriteTo(RootSpace.DebugLog);
        }

        private static void FailWithCall(string what, ulong value, FuzzShared* shared)
        {
            s_failures++;
            s_line.Begin("fuzz: failure (seed ").AddDecimal(s_seed).Add("): ").Add(what).AddDecimal(value).Add(", last call ").AddDecimal((ulong)Volatile.Read(ref shared->NextCall) - 1)
                .Add(": syscall ").AddDecimal(shared->CurrentNumber).Add("(");
            for (int a = 0; a < 6; a++)
                s_line.AddHex(shared->CurrentArguments[a]).Add(a < 5 ? ", " : ")");
            s_line.WriteTo(RootSpace.DebugLog);
        }

        private static void FailBaseline(string when, string which, ulong free, ulong expected)
        {
            s_failures++;
            s_line.Begin("fuzz: failure (seed ").AddDecimal(s_seed).Add("): ").Add(when).Add(", the ").Add(which).Add(" has ").AddDecimal(free)
                .Add(" free bytes, baseline ").AddDecimal(expected).WriteTo(RootSpace.DebugLog);
        }
    }
}
