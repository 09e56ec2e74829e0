// The ticket spinlock itself, as a struct of plain values so that it can live in .bss and work from the
// first instruction, before the runtime has allocated any object (the kernel heap's lock needs that).
// SpinLock wraps it with a name for everything else. A CPU takes a ticket (lock xadd) and spins until
// "now serving" reaches it, so CPUs get the lock in the order they asked and none starves. Acquire
// disables interrupts on the calling CPU before taking the lock and Release restores them, so an
// interrupt handler can never spin on a lock its own CPU holds. Debug builds check ownership. A CPU that
// waits implausibly long panics instead of hanging. The lock's name is passed in (for panic messages
// only) so the struct holds no reference. Must never be copied once in use: keep it in a field and call
// it in place. A waiter spins with interrupts off, so while it spins it runs the wait hook (the SMP layer
// services cross-CPU calls there): otherwise a holder that waits for this CPU to flush its TLB would wait
// for a CPU that waits for it.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Diagnostics;

namespace MinimalOS.Kernel.Arch.X86_64.Sync
{
    internal struct TicketLock
    {
        // Between clock reads: reading the TSC on every spin would slow down the hand-over it waits for.
        private const int SpinsPerClockCheck = 1 << 14;
        private const ulong DeadlockNanoseconds = 10_000_000_000;

        // Spins between calls of the wait hook: often enough that a TLB shootdown is not held up.
        private const int SpinsPerWaitHook = 16;

        private static unsafe delegate*<void> s_waitHook;

        private int _nextTicket;
        private volatile int _nowServing;
        // The holding CPU's index + 1 (0 = free): recorded in every build, checked in debug builds.
        private volatile int _owner;
        private bool _restoreInterrupts;

        /// <summary>True when the calling CPU holds the lock (meaningful with interrupts off).</summary>
        public bool IsHeldByThisCpu => _owner == ThisCpu.Index + 1;

        /// <summary>True when some CPU holds the lock right now (a snapshot, for diagnostics and panics).</summary>
        public bool IsHeld => _owner != 0;

        public void Acquire(string name)
        {
            bool interrupts = Cpu.DisableInterruptsSaving();
            AcquireWithInterruptsOff(name);
            _restoreInterrupts = interrupts;
        }

        public void Release(string name)
        {
            bool interrupts = _restoreInterrupts;
            ReleaseWithInterruptsOff(name);
            Cpu.RestoreInterrupts(interrupts);
        }

        public bool TryAcquire(string name)
        {
            bool interrupts = Cpu.DisableInterruptsSaving();
            if (TryAcquireWithInterruptsOff(name))
            {
                _restoreInterrupts = interrupts;
                return true;
            }
            Cpu.RestoreInterrupts(interrupts);
            return false;
        }

        public void AcquireWithInterruptsOff(string name)
        {
            CheckNotHeld(name);
            int ticket = Interlocked.ExchangeAdd(ref _nextTicket, 1);
            if (_nowServing != ticket)
                SpinUntilServed(ticket, name);
            _owner = ThisCpu.Index + 1;
        }

        public bool TryAcquireWithInterruptsOff(string name)
        {
            CheckInterruptsOff(name);
            int serving = _nowServing;
            if (Interlocked.CompareExchange(ref _nextTicket, serving + 1, serving) != serving)
                return false;
            _owner = ThisCpu.Index + 1;
            return true;
        }

        public void ReleaseWithInterruptsOff(string name)
        {
#if DEBUG
            if (_owner != ThisCpu.Index + 1)
                Panic.Halt(_owner == 0 ? "spinlock released while not held" : "spinlock released by a CPU that does not hold it", name);
#endif
            _owner = 0;
            // x86 stores are not reordered with earlier loads and stores: the critical section is complete
            // before the next ticket holder can see this write.
            _nowServing = _nowServing + 1;
        }

        private void CheckNotHeld(string name)
        {
#if DEBUG
            CheckInterruptsOff(name);
            if (_owner == ThisCpu.Index + 1)
                Panic.Halt("spinlock taken again by the CPU that holds it (deadlock)", name);
#endif
        }

        [System.Diagnostics.Conditional("DEBUG")]
        private static void CheckInterruptsOff(string name)
        {
            if (Cpu.InterruptsEnabled)
                Panic.Halt("spinlock taken with interrupts enabled (use Acquire, not AcquireWithInterruptsOff)", name);
        }

        /// <summary>Sets what every waiter runs now and then while it spins (interrupts off, must not take locks).</summary>
        public static unsafe void SetWaitHook(delegate*<void> hook) => s_waitHook = hook;

        private unsafe void SpinUntilServed(int ticket, string name)
        {
            ulong start = TscClock.Nanoseconds();
            int spins = 0;
            while (_nowServing != ticket)
            {
                Cpu.Pause();
                ++spins;
                if ((spins & (SpinsPerWaitHook - 1)) == 0)
                {
                    delegate*<void> hook = s_waitHook;
                    if (hook != null)
                        hook();
                }
                if (spins < SpinsPerClockCheck)
                    continue;
                spins = 0;
                if (TscClock.Nanoseconds() - start > DeadlockNanoseconds)
                    Panic.Halt("spinlock not released for 10 seconds (deadlock, or its holder died)", name);
            }
        }

    }
}
