// One timer handed back by TimerQueue.TryPopExpired: which timer, when it was due, and for whom.
namespace MinimalOS.Kernel.Scheduling
{
    public readonly struct TimerExpiry
    {
        public TimerExpiry(TimerHandle handle, ulong deadlineNanoseconds, object owner)
        {
            Handle = handle;
            DeadlineNanoseconds = deadlineNanoseconds;
            Owner = owner;
        }

        public TimerHandle Handle { get; }

        public ulong DeadlineNanoseconds { get; }

        public object Owner { get; }
    }
}
