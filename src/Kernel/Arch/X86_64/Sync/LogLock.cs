// The kernel log's lock ("log"): an IRQ-safe spinlock, so a line logged from an interrupt handler cannot
// deadlock against a line its own CPU was writing. It is the innermost lock of all (sinks take no other
// lock), so any code may log while holding another lock. Code that writes to the log's devices directly
// (the kernel monitor's console) takes it too. For a panic it waits a bounded time and never on itself.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Sync
{
    internal sealed class LogLock : ILogLock
    {
        // Long enough for another CPU to finish any line (a framebuffer scroll included), short enough that
        // a dead holder delays a panic report only a little.
        private const ulong PanicWaitNanoseconds = 200_000_000;

        private readonly SpinLock _lock = new SpinLock("log");

        /// <summary>The one instance, installed with Log.SetLock at boot (null before).</summary>
        public static LogLock Instance { get; private set; }

        /// <summary>Creates the lock and installs it in the log; once, on the boot CPU, before any other CPU runs.</summary>
        public static void Install()
        {
            if (Instance is not null)
                return;
            Instance = new LogLock();
            Log.SetLock(Instance);
        }

        public void Acquire() => _lock.Acquire();

        public void Release() => _lock.Release();

        public bool TryAcquireForPanic()
        {
            // Interrupts are off on the panic path, so "this CPU holds it" cannot change under us.
            if (_lock.IsHeldByThisCpu)
                return false;
            ulong start = TscClock.Nanoseconds();
            while (!_lock.TryAcquire())
            {
                if (TscClock.Nanoseconds() - start > PanicWaitNanoseconds)
                    return false;
                Cpu.Pause();
            }
            return true;
        }
    }
}
