// Where dead threads go: there is no GC, so Thread objects are reused, and up to StackCacheLimit of them
// keep their kernel stacks mapped. Freeing a stack unmaps it, and on SMP every unmap is a TLB shootdown
// that interrupts every other CPU; a cached stack is reused by the next Create without mapping, unmapping
// or shooting anything down (the way Linux and FreeBSD keep a few kernel stacks). Beyond the limit a dead
// thread's stack is freed. One lock, never held while stacks are mapped or unmapped.
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Threads
{
    internal static class ThreadRecycler
    {
        /// <summary>Dead threads' stacks kept for reuse (16 KiB each plus a guard page of address space).</summary>
        public const int StackCacheLimit = 64;

        private static readonly KernelSpinLock s_lock = new KernelSpinLock("thread-recycler");
        private static Thread s_withStack;
        private static Thread s_bare;
        private static int s_cachedStacks;

        /// <summary>Stacks held for reuse now.</summary>
        public static int CachedStacks => s_cachedStacks;

        /// <summary>A dead thread to reuse (null: none), preferring one whose stack is still mapped (then in <paramref name="stack"/>).</summary>
        public static Thread Take(out KernelStack stack)
        {
            s_lock.Acquire();
            Thread thread = s_withStack;
            if (thread is not null)
            {
                s_withStack = thread.Next;
                s_cachedStacks--;
                stack = thread.Stack;
            }
            else
            {
                thread = s_bare;
                if (thread is not null)
                    s_bare = thread.Next;
                stack = default;
            }
            s_lock.Release();
            if (thread is not null)
                thread.Next = null;
            return thread;
        }

        /// <summary>Takes a dead (or never started) thread back, its stack no longer in use by anyone: the stack is cached or freed.</summary>
        public static void Return(Thread dead)
        {
            if (dead.Stack.IsEmpty)
            {
                PushBare(dead);
                return;
            }
            s_lock.Acquire();
            bool keep = s_cachedStacks < StackCacheLimit;
            if (keep)
            {
                s_cachedStacks++;
                dead.Next = s_withStack;
                s_withStack = dead;
            }
            s_lock.Release();
            if (keep)
                return;
            FreeStack(dead);
            PushBare(dead);
        }

        /// <summary>Frees every cached stack (memory pressure, or a test that wants the address space empty).</summary>
        public static void TrimStacks()
        {
            while (true)
            {
                s_lock.Acquire();
                Thread thread = s_withStack;
                if (thread is not null)
                {
                    s_withStack = thread.Next;
                    s_cachedStacks--;
                }
                s_lock.Release();
                if (thread is null)
                    return;
                FreeStack(thread);
                PushBare(thread);
            }
        }

        private static void PushBare(Thread thread)
        {
            s_lock.Acquire();
            thread.Next = s_bare;
            s_bare = thread;
            s_lock.Release();
        }

        private static void FreeStack(Thread thread)
        {
            if (!ThreadCpu.FreeStack(thread.Stack))
                Log.Error("sched", $"thread {thread.Id}: its stack could not be freed");
            thread.DropStack();
        }
    }
}
