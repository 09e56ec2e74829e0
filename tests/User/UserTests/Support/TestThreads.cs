// Threads for tests: made from the test untyped, configured into a process (the root task's unless told
// otherwise), given the root thread's priority (so they run beside the runner, which yields while it
// waits) and registers, started on any CPU; and waiting for one to stop by polling ThreadReadRegisters,
// which is InvalidState while the thread runs (docs/SYSCALLS.md, call 16).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static class TestThreads
    {
        public const ulong RootPriority = 16;
        public const ulong StackBytes = 16 * 1024;
        private const ulong WaitNanoseconds = 20_000_000_000;
        private const ulong UserFlags = 0x202;

        /// <summary>
        /// A configured thread of the root process about to run C# at <paramref name="rip"/> with <paramref name="argument"/>
        /// in rdi, on a fresh stack (each <paramref name="stackIndex"/> of a test has its own).
        /// </summary>
        public static CapSlot InRoot(ulong rip, ulong argument, int stackIndex = 0)
        {
            ulong stackBase = TestEnvironment.Region + 0x10_0000 + (ulong)stackIndex * 0x1_0000;
            for (ulong page = 0; page < StackBytes; page += 0x1000)
                Mapping.MapNewFrame(stackBase + page, Mapping.ReadWrite);
            // As if called: rsp + 8 is 16-byte aligned at the first instruction.
            return Configured(TestEnvironment.Process, rip, stackBase + StackBytes - 8, argument);
        }

        /// <summary>A thread of <paramref name="process"/> with the given registers (no stack is made: the blobs need none).</summary>
        public static CapSlot Configured(CapSlot process, ulong rip, ulong rsp, ulong rdi)
        {
            CapSlot thread = Objects.Make(ObjectType.Thread);
            Check.Ok(Syscalls.ThreadConfigure(thread, process, Syscalls.NoCapability, 0, Syscalls.NoCapability), "set-up: ThreadConfigure");
            Check.Ok(Syscalls.ThreadSetPriority(thread, TestEnvironment.Thread, RootPriority, RootPriority), "set-up: ThreadSetPriority");
            var registers = new UserRegisters { Rip = rip, Rsp = rsp, Rdi = rdi, Rflags = UserFlags };
            Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "set-up: ThreadWriteRegisters");
            return thread;
        }

        public static void Start(CapSlot thread) => Check.Ok(Syscalls.ThreadStart(thread, Syscalls.AnyCpu), "ThreadStart");

        /// <summary>Polls until the thread is no longer running; its state and exit code or fault vector.</summary>
        public static ThreadRunState WaitStopped(CapSlot thread, out ulong detail)
        {
            Syscalls.ClockMonotonic(out ulong start);
            while (true)
            {
                SyscallError error = Syscalls.ThreadReadRegisters(thread, out _, out ThreadRunState state, out detail);
                if (error != SyscallError.InvalidState)
                {
                    Check.Ok(error, "ThreadReadRegisters while waiting for the thread to stop");
                    return state;
                }
                Syscalls.ClockMonotonic(out ulong now);
                if (now - start > WaitNanoseconds)
                    Check.Fail("waiting for the thread to stop", "still running after 20 s");
                Syscalls.Yield();
            }
        }

        /// <summary>Runs the thread to its end and checks that it exited with <paramref name="code"/>.</summary>
        public static void ExpectExit(CapSlot thread, ulong code, string what)
        {
            Start(thread);
            ThreadRunState state = WaitStopped(thread, out ulong detail);
            Check.State(ThreadRunState.Exited, state, what);
            Check.Equal(code, detail, what);
        }

        /// <summary>Runs the thread until it stops and checks that it faulted with <paramref name="vector"/>.</summary>
        public static void ExpectFault(CapSlot thread, ulong vector, string what)
        {
            Start(thread);
            ThreadRunState state = WaitStopped(thread, out ulong detail);
            Check.State(ThreadRunState.Faulted, state, what);
            Check.Equal(vector, detail, what);
        }

        /// <summary>Spins (yielding) until <paramref name="location"/> changes from <paramref name="from"/>; false after 20 s.</summary>
        public static unsafe bool WaitForChange(long* location, long from)
        {
            Syscalls.ClockMonotonic(out ulong start);
            while (System.Threading.Volatile.Read(ref *location) == from)
            {
                Syscalls.ClockMonotonic(out ulong now);
                if (now - start > WaitNanoseconds)
                    return false;
                Syscalls.Yield();
            }
            return true;
        }
    }
}
