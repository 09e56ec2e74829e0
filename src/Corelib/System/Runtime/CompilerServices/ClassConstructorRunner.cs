// Runs static constructors on first use. ilc precomputes most statics at compile time; for the rest it
// emits a check of the type's StaticClassConstructionContext (non-zero = not yet run) and calls one of the
// two methods below. SMP: the context word itself is a small state machine, so several CPUs can hit a
// type at once: the constructor's (even, 16-byte aligned) address = not started; an odd marker
// (owner << 1 | 1) = running, claimed with a compare-and-swap by exactly one owner; 0 = done. Others wait
// until it is 0; the owner itself touching its own type while the constructor runs sees the statics as
// initialised (as in .NET). The host says who "the owner" is and keeps that identity stable for the
// constructor's duration (RuntimeHooks.BeginClassConstructor; the kernel pins the CPU). A wait that lasts
// implausibly long (two CPUs' constructors waiting on each other) fails fast instead of hanging. A static
// constructor must never block or wait for another thread.
using System.Threading;
using Internal.Runtime;

namespace System.Runtime.CompilerServices
{
    internal static unsafe class ClassConstructorRunner
    {
        private const long RunningTag = 1;
        // Far beyond any real constructor (seconds even under emulation), far below a hang nobody notices.
        private const long MaxWaitSpins = 1L << 30;

        private static object CheckStaticClassConstructionReturnGCStaticBase(ref StaticClassConstructionContext context, object gcStaticBase)
        {
            EnsureClassConstructorRun(ref context);
            return gcStaticBase;
        }

        private static nint CheckStaticClassConstructionReturnNonGCStaticBase(ref StaticClassConstructionContext context, nint nonGcStaticBase)
        {
            EnsureClassConstructorRun(ref context);
            return nonGcStaticBase;
        }

        private static void EnsureClassConstructorRun(ref StaticClassConstructionContext context)
        {
            ref long state = ref Unsafe.As<nint, long>(ref context.cctorMethodAddress);
            if (Volatile.Read(ref state) == 0)
                return;
            nint owner;
            nint pinned = RuntimeHooks.BeginClassConstructor(&owner);
            long marker = ((long)owner << 1) | RunningTag;
            long spins = 0;
            while (true)
            {
                long seen = Volatile.Read(ref state);
                if (seen == 0 || seen == marker)
                    break;
                if ((seen & RunningTag) == 0)
                {
                    if (Interlocked.CompareExchange(ref state, marker, seen) != seen)
                        continue;
                    ((delegate*<void>)(nint)seen)();
                    Interlocked.Exchange(ref state, 0);
                    break;
                }
                if (++spins > MaxWaitSpins)
                    RuntimeHooks.FailFast("static constructor still running elsewhere after a very long wait (constructors waiting on each other?)");
            }
            RuntimeHooks.EndClassConstructor(pinned);
        }
    }

    // ilc allocates one of these in front of every non-GC static base of a type with a lazy cctor.
    public struct StaticClassConstructionContext
    {
        public nint cctorMethodAddress;
    }
}
