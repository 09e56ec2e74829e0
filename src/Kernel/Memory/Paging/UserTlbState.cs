// Which CPUs may hold TLB entries of one user address space, so that a change to its mappings reaches
// only them (not every CPU, as a kernel-half change must). RanOn: CPUs that loaded the space since their
// last full flush of its PCID. StaleOn: CPUs that must flush its PCID when they next load it - set for
// every CPU that ran it but does not run it now when a mapping changes, and for every CPU when the PCID
// is (re)assigned, since a previous owner of the PCID may have left entries behind.
// The ordering that makes it safe, with the per-CPU "active space" word the switch path keeps:
//   a CPU loading the space stores active = space, then takes its StaleOn bit, then writes CR3 (flushing
//   if the bit was set), all with interrupts off;
//   a CPU changing a mapping edits the entries, sets StaleOn for RanOn (a locked operation, a full fence),
//   then sends a shootdown to each CPU whose active word is this space.
// Either the loader sees its stale bit or the changer sees it active; the shootdown runs after the CR3
// write because the loader has interrupts off until then. Lock-free: compare-and-swap on the two masks.
using System.Threading;

namespace MinimalOS.Kernel.Memory.Paging
{
    public struct UserTlbState
    {
        private long _ranOn;
        private long _staleOn;

        public ushort Pcid { get; private set; }

        public ulong RanOn => (ulong)Volatile.Read(ref _ranOn);
        public ulong StaleOn => (ulong)Volatile.Read(ref _staleOn);

        /// <summary>A fresh state for a space tagged <paramref name="pcid"/>: every CPU flushes it at its first load.</summary>
        public static UserTlbState ForNewSpace(ushort pcid) => new UserTlbState { Pcid = pcid, _ranOn = 0, _staleOn = -1 };

        /// <summary>CPU <paramref name="cpu"/> is loading the space (after publishing it as active): true if it must flush the PCID.</summary>
        public bool BeginLoad(int cpu)
        {
            ulong bit = 1UL << cpu;
            Update(ref _ranOn, bit, set: true);
            return (Update(ref _staleOn, bit, set: false) & bit) != 0;
        }

        /// <summary>
        /// Mappings changed: every CPU that ran the space, except <paramref name="exceptCpu"/> (the caller,
        /// when it runs the space and flushes its own TLB; -1 for none), must flush before it uses them again.
        /// Returns those CPUs: the caller sends a shootdown to the ones among them running the space now.
        /// </summary>
        public ulong MarkStale(int exceptCpu)
        {
            ulong targets = RanOn;
            if (exceptCpu >= 0)
                targets &= ~(1UL << exceptCpu);
            if (targets != 0)
                Update(ref _staleOn, targets, set: true);
            return targets;
        }

        private static ulong Update(ref long mask, ulong bits, bool set)
        {
            while (true)
            {
                long old = Volatile.Read(ref mask);
                long updated = set ? old | (long)bits : old & ~(long)bits;
                if (Interlocked.CompareExchange(ref mask, updated, old) == old)
                    return (ulong)old;
            }
        }
    }
}
