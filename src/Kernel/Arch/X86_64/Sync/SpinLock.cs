// An IRQ-safe ticket spinlock with a name (a TicketLock, see there for the algorithm). Acquire disables
// interrupts on the calling CPU before taking the lock and Release restores them, so an interrupt handler
// can never spin on a lock its own CPU holds. Debug builds check ownership: taking a lock this CPU already
// holds (a certain deadlock) or releasing one it does not hold panics, naming the lock. A CPU that waits
// implausibly long (another CPU died or forgot to release) panics instead of hanging. A holder must never
// block or switch threads (the scheduler's documented hand-over excepted) and holds a lock for
// microseconds, never across a wait. Portable code sees it as an IKernelLock.
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Arch.X86_64.Sync
{
    internal sealed class SpinLock : IKernelLock
    {
        private TicketLock _ticket;

        public SpinLock(string name) => Name = name;

        public string Name { get; }

        /// <summary>True when the calling CPU holds the lock (meaningful with interrupts off).</summary>
        public bool IsHeldByThisCpu => _ticket.IsHeldByThisCpu;

        /// <summary>Disables interrupts on this CPU, then takes the lock; Release gives both back.</summary>
        public void Acquire() => _ticket.Acquire(Name);

        /// <summary>Releases the lock and re-enables interrupts if they were enabled at Acquire.</summary>
        public void Release() => _ticket.Release(Name);

        /// <summary>Takes the lock only if nobody holds or waits for it; on success behaves like Acquire.</summary>
        public bool TryAcquire() => _ticket.TryAcquire(Name);

        /// <summary>Takes the lock; the caller has disabled interrupts and keeps them off until ReleaseWithInterruptsOff.</summary>
        public void AcquireWithInterruptsOff() => _ticket.AcquireWithInterruptsOff(Name);

        /// <summary>Takes the lock if it is free right now (false when anyone holds it, this CPU included); interrupts must already be off.</summary>
        public bool TryAcquireWithInterruptsOff() => _ticket.TryAcquireWithInterruptsOff(Name);

        /// <summary>Releases the lock and leaves interrupts as they are.</summary>
        public void ReleaseWithInterruptsOff() => _ticket.ReleaseWithInterruptsOff(Name);
    }
}
