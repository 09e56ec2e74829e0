// An IRQ-safe ticket spinlock. A CPU takes a ticket (lock xadd) and spins until "now serving" reaches it,
// so CPUs get the lock in the order they asked and none starves. Acquire disables interrupts on the calling
// CPU before taking the lock and Release restores them, so an interrupt handler can never spin on a lock its
// own CPU holds. Debug builds check ownership: taking a lock this CPU already holds (a certain deadlock) or
// releasing one it does not hold panics, naming the lock. A CPU that waits implausibly long (another CPU
// died or forgot to release) panics instead of hanging. A holder must never block or switch threads (the
// scheduler's documented hand-over excepted) and holds a lock for microseconds, never across a wait.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Diagnostics;

namespace MinimalOS.Kernel.Arch.X86_64.Sync
{
    internal sealed class SpinLock
    {
        private const ulong InterruptFlag = 1UL << 9;
        // Between clock reads: reading the TSC on every spin would slow down the hand-over it waits for.
        private const int SpinsPerClockCheck = 1 << 14;
        private const ulong DeadlockNanoseconds = 10_000_000_000;

        private int _nextTicket;
        private volatile int _nowServing;
        // The holding CPU's index + 1 (0 = free): recorded in every build, checked in debug builds.
        private volatile int _owner;
        private bool _restoreInterrupts;

        public SpinLock(string name) => Name = name;

        public string Name { get; }

        /// <summary>True when the calling CPU holds the lock (meaningful with interrupts off).</summary>
        public bool IsHeldByThisCpu => _owner == ThisCpu.Index + 1;

        /// <summary>Disables interrupts on this CPU, then takes the lock; Release gives both back.</summary>
        public void Acquire()
        {
            bool interrupts = DisableInterrupts();
            AcquireWithInterruptsOff();
            _restoreInterrupts = interrupts;
        }

        /// <summary>Releases the lock and re-enables interrupts if they were enabled at Acquire.</summary>
        public void Release()
        {
            bool interrupts = _restoreInterrupts;
            ReleaseWithInterruptsOff();
            if (interrupts)
                Cpu.EnableInterrupts();
        }

        /// <summary>Takes the lock only if nobody holds or waits for it; on success behaves like Acquire.</summary>
        public bool TryAcquire()
        {
            bool interrupts = DisableInterrupts();
            if (TryAcquireWithInterruptsOff())
            {
                _restoreInterrupts = interrupts;
                return true;
            }
            if (interrupts)
                Cpu.EnableInterrupts();
            return false;
        }

        /// <summary>Takes the lock; the caller has disabled interrupts and keeps them off until ReleaseWithInterruptsOff.</summary>
        public void AcquireWithInterruptsOff()
        {
            CheckNotHeld();
            int ticket = Interlocked.ExchangeAdd(ref _nextTicket, 1);
            if (_nowServing != ticket)
                SpinUntilServed(ticket);
            _owner = ThisCpu.Index + 1;
        }

        /// <summary>Takes the lock if it is free right now (false when anyone holds it, this CPU included); interrupts must already be off.</summary>
        public bool TryAcquireWithInterruptsOff()
        {
            CheckInterruptsOff();
            int serving = _nowServing;
            if (Interlocked.CompareExchange(ref _nextTicket, serving + 1, serving) != serving)
                return false;
            _owner = ThisCpu.Index + 1;
            return true;
        }

        /// <summary>Releases the lock and leaves interrupts as they are.</summary>
        public void ReleaseWithInterruptsOff()
        {
#if DEBUG
            if (_owner != ThisCpu.Index + 1)
                Panic.Halt(_owner == 0 ? "spinlock released while not held" : "spinlock released by a CPU that does not hold it", Name);
#endif
            _owner = 0;
            // x86 stores are not reordered with earlier loads and stores: the critical section is complete
            // before the next ticket holder can see this write.
            _nowServing = _nowServing + 1;
        }

        private void CheckNotHeld()
        {
#if DEBUG
            CheckInterruptsOff();
            if (_owner == ThisCpu.Index + 1)
                Panic.Halt("spinlock taken again by the CPU that holds it (deadlock)", Name);
#endif
        }

        [System.Diagnostics.Conditional("DEBUG")]
        private void CheckInterruptsOff()
        {
            if ((Cpu.ReadRflags() & InterruptFlag) != 0)
                Panic.Halt("spinlock taken with interrupts enabled (use Acquire, not AcquireWithInterruptsOff)", Name);
        }

        private void SpinUntilServed(int ticket)
        {
            ulong start = TscClock.Nanoseconds();
            int spins = 0;
            while (_nowServing != ticket)
            {
                Cpu.Pause();
                if (++spins < SpinsPerClockCheck)
                    continue;
                spins = 0;
                if (TscClock.Nanoseconds() - start > DeadlockNanoseconds)
                    Panic.Halt("spinlock not released for 10 seconds (deadlock, or its holder died)", Name);
            }
        }

        private static bool DisableInterrupts()
        {
            bool enabled = (Cpu.ReadRflags() & InterruptFlag) != 0;
            Cpu.DisableInterrupts();
            return enabled;
        }
    }
}
