// A blocking wait queue: threads wait, off the CPU, until a condition holds; whoever makes it true calls
// WakeOne or WakeAll. Waiters queue in FIFO order under a spinlock and park with Scheduler.Block, whose
// remembered wake-ups close the gap between "queued, condition still false" and "blocked": a wake in that
// window makes Block return at once, and the condition is checked again. Conditions are re-checked after
// every wake, so spurious wake-ups are harmless. A wait may have a timeout (Scheduler.BlockUntil). Never
// used from interrupt handlers to wait (they may wake).
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Threads
{
    internal sealed unsafe class WaitQueue
    {
        private readonly KernelSpinLock _lock;
        private Thread _head;
        private Thread _tail;

        public WaitQueue(string name) => _lock = new KernelSpinLock(name);

        /// <summary>Threads waiting now (a snapshot).</summary>
        public int Count { get; private set; }

        /// <summary>Returns once <paramref name="condition"/>(<paramref name="argument"/>) is true, blocking meanwhile.</summary>
        public void WaitUntil(delegate*<nint, bool> condition, nint argument)
        {
            Thread self = Scheduler.Current;
            if (self is null)
                SchedulerCpu.Panic("WaitQueue.WaitUntil: no thread to wait (scheduler not started)");
            while (!condition(argument))
            {
                _lock.Acquire();
                bool queued = Contains(self);
                if (!queued)
                    Append(self);
                _lock.Release();
                if (condition(argument))
                {
                    _lock.Acquire();
                    Remove(self);
                    _lock.Release();
                    return;
                }
                Scheduler.Block();
            }
        }

        /// <summary>
        /// Like WaitUntil, but gives up <paramref name="timeoutNanoseconds"/> from now: returns whether the
        /// condition holds (checked once more at the deadline). A wake-up that picks this thread as it times
        /// out is not passed on, so callers that hand a resource to one waiter check the condition again.
        /// </summary>
        public bool WaitUntil(delegate*<nint, bool> condition, nint argument, ulong timeoutNanoseconds)
        {
            Thread self = Scheduler.Current;
            if (self is null)
                SchedulerCpu.Panic("WaitQueue.WaitUntil: no thread to wait (scheduler not started)");
            ulong deadline = SchedulerCpu.Nanoseconds() + timeoutNanoseconds;
            while (!condition(argument))
            {
                _lock.Acquire();
                if (!Contains(self))
                    Append(self);
                _lock.Release();
                if (condition(argument) || !Scheduler.BlockUntil(deadline))
                {
                    _lock.Acquire();
                    Remove(self);
                    _lock.Release();
                    return condition(argument);
                }
            }
            return true;
        }

        /// <summary>Wakes the longest-waiting thread; false when nobody waits.</summary>
        public bool WakeOne()
        {
            _lock.Acquire();
            Thread first = _head;
            if (first is not null)
                Remove(first);
            _lock.Release();
            if (first is null)
                return false;
            Scheduler.Wake(first);
            return true;
        }

        /// <summary>Wakes every waiting thread; returns how many there were.</summary>
        public int WakeAll()
        {
            _lock.Acquire();
            Thread list = _head;
            int count = Count;
            _head = null;
            _tail = null;
            Count = 0;
            _lock.Release();
            while (list is not null)
            {
                Thread next = list.Next;
                list.Next = null;
                Scheduler.Wake(list);
                list = next;
            }
            return count;
        }

        private bool Contains(Thread thread)
        {
            for (Thread waiter = _head; waiter is not null; waiter = waiter.Next)
            {
                if (waiter == thread)
                    return true;
            }
            return false;
        }

        private void Append(Thread thread)
        {
            thread.Next = null;
            if (_tail is null)
                _head = thread;
            else
                _tail.Next = thread;
            _tail = thread;
            Count++;
        }

        private void Remove(Thread thread)
        {
            Thread previous = null;
            for (Thread waiter = _head; waiter is not null; previous = waiter, waiter = waiter.Next)
            {
                if (waiter != thread)
                    continue;
                if (previous is null)
                    _head = waiter.Next;
                else
                    previous.Next = waiter.Next;
                if (_tail == waiter)
                    _tail = previous;
                waiter.Next = null;
                Count--;
                return;
            }
        }
    }
}
