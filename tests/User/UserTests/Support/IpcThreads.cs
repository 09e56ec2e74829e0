// The IPC and notification tests' threads: a block of words per thread in one page of the test region
// (IpcBodies.Block), threads of the root process running an IpcBodies body with a stack (and an IPC buffer
// if asked) of their own, and the ways the runner waits for them to reach their wait without polling a
// blocked thread's state.
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static unsafe class IpcThreads
    {
        public const ulong Millisecond = 1_000_000;
        private const ulong BlocksOffset = 0x30_0000;
        private const ulong BuffersOffset = 0x40_0000;

        public static IpcBodies.Block* Block(int index)
        {
            ulong page = TestEnvironment.Region + BlocksOffset;
            if (index == 0)
                Mapping.MapNewFrame(page, Mapping.ReadWrite);
            var block = (IpcBodies.Block*)(page + (ulong)index * 256);
            *block = default;
            return block;
        }

        public static CapSlot Start(ulong body, IpcBodies.Block* block, int index, bool buffer)
        {
            CapSlot thread = Make(body, block, index, buffer);
            TestThreads.Start(thread);
            return thread;
        }

        // A thread of the root process running body(block), with an IPC buffer of its own if asked.
        /// <summary>A thread of the root process running body(block) whose faults go to <paramref name="faultHandler"/> (an endpoint capability).</summary>
        public static CapSlot MakeWithFaultHandler(ulong body, IpcBodies.Block* block, int index, CapSlot faultHandler)
        {
            ulong stackBase = TestEnvironment.Region + 0x10_0000 + (ulong)index * 0x1_0000;
            for (ulong page = 0; page < TestThreads.StackBytes; page += 0x1000)
                Mapping.MapNewFrame(stackBase + page, Mapping.ReadWrite);
            CapSlot thread = Objects.Make(ObjectType.Thread);
            Check.Ok(Syscalls.ThreadConfigure(thread, TestEnvironment.Process, Syscalls.NoCapability, 0, faultHandler), "set-up: ThreadConfigure with a fault handler");
            Check.Ok(Syscalls.ThreadSetPriority(thread, TestEnvironment.Thread, TestThreads.RootPriority, TestThreads.RootPriority), "set-up: ThreadSetPriority");
            var registers = new UserRegisters { Rip = body, Rsp = stackBase + TestThreads.StackBytes - 8, Rdi = (ulong)block, Rflags = 0x202 };
            Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "set-up: ThreadWriteRegisters");
            return thread;
        }

        public static CapSlot Make(ulong body, IpcBodies.Block* block, int index, bool buffer)
        {
            CapSlot thread = TestThreads.InRoot(body, (ulong)block, stackIndex: index);
            if (!buffer)
                return thread;
            Check.Ok(Syscalls.CapDelete(thread), "set-up: CapDelete of the thread made without a buffer");
            ulong stackTop = TestEnvironment.Region + 0x10_0000 + (ulong)index * 0x1_0000 + TestThreads.StackBytes - 8;
            ulong address = TestEnvironment.Region + BuffersOffset + (ulong)index * 0x1000;
            CapSlot frame = Mapping.MapNewFrame(address, Mapping.ReadWrite);
            block->Buffer = address;
            CapSlot withBuffer = Objects.Make(ObjectType.Thread);
            Check.Ok(Syscalls.ThreadConfigure(withBuffer, TestEnvironment.Process, frame, address, Syscalls.NoCapability), "set-up: ThreadConfigure with an IPC buffer");
            Check.Ok(Syscalls.ThreadSetPriority(withBuffer, TestEnvironment.Thread, TestThreads.RootPriority, TestThreads.RootPriority), "set-up: ThreadSetPriority");
            var registers = new UserRegisters { Rip = body, Rsp = stackTop, Rdi = (ulong)block, Rflags = 0x202 };
            Check.Ok(Syscalls.ThreadWriteRegisters(withBuffer, in registers), "set-up: ThreadWriteRegisters");
            return withBuffer;
        }

        // Until the thread has reached its wait: its flag is set just before the call, then a few ms for it to block.
        public static void WaitUntilWaiting(long* flag)
        {
            Check.True(TestThreads.WaitForChange(flag, 0), "the thread reached its IPC call");
            Pause(5 * Millisecond);
        }

        // Lower-priority threads run only while the runner blocks: a timed receive on an idle endpoint is a sleep.
        public static void PauseBlocked(CapSlot busy, long* flag)
        {
            CapSlot idle = Objects.Make(ObjectType.Endpoint);
            for (int i = 0; i < 2000 && Volatile.Read(ref *flag) == 0; i++)
                Syscalls.EndpointReceive(idle, Syscalls.NoCapability, out _, timeoutNanoseconds: Millisecond);
            Check.True(Volatile.Read(ref *flag) != 0, "the low-priority caller ran");
            Syscalls.EndpointReceive(idle, Syscalls.NoCapability, out _, timeoutNanoseconds: 5 * Millisecond);
        }

        public static void Pause(ulong nanoseconds)
        {
            Syscalls.ClockMonotonic(out ulong start);
            ulong now = start;
            while (now - start < nanoseconds)
            {
                Syscalls.Yield();
                Syscalls.ClockMonotonic(out now);
            }
        }
    }
}
