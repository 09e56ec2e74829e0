// Bounded waits for kernel tests that run threads: the boot thread sleeps a millisecond at a time (so
// threads on its own CPU run too) until a condition holds or a thread has ended, and gives up after a bound
// far beyond any expected wait on a loaded emulator, so a broken scheduler fails a test instead of hanging
// the run. A thread counts as ended when it is dead or its object was already reused (its id changed).
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ThreadWaits
    {
        public const ulong Millisecond = 1_000_000;
        public const ulong GiveUpNanoseconds = 60_000 * Millisecond;

        /// <summary>True once <paramref name="done"/>() holds; false after GiveUpNanoseconds.</summary>
        public static bool Until(delegate*<bool> done)
        {
            ulong start = TscClock.Nanoseconds();
            while (!done())
            {
                if (TscClock.Nanoseconds() - start > GiveUpNanoseconds)
                    return false;
                Scheduler.Sleep(Millisecond);
            }
            return true;
        }

        /// <summary>Fails the test with <paramref name="what"/> unless the thread (id <paramref name="id"/>) ends within the bound.</summary>
        public static void JoinOrFail(Thread thread, ulong id, string what)
        {
            ulong start = TscClock.Nanoseconds();
            while (thread.Id == id && thread.State != ThreadState.Dead)
            {
                if (TscClock.Nanoseconds() - start > GiveUpNanoseconds)
                    Expect.Fail(what);
                Scheduler.Sleep(Millisecond);
            }
        }
    }
}
