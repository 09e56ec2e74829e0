// Names one armed timer in a TimerQueue so it can be cancelled. The generation makes a handle go stale
// once its timer expired or was cancelled, so an old handle can never cancel whoever reuses the slot.
// Default (IsValid false) names no timer.
namespace MinimalOS.Kernel.Scheduling
{
    public readonly struct TimerHandle
    {
        internal TimerHandle(int slot, uint generation)
        {
            SlotPlusOne = slot + 1;
            Generation = generation;
        }

        internal int SlotPlusOne { get; }

        internal uint Generation { get; }

        public bool IsValid => SlotPlusOne != 0;
    }
}
