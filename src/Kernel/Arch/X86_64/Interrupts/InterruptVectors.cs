// What runs for each interrupt vector. The entry stubs call Dispatch with the saved frame; vectors 0-31 go
// to CpuExceptionHandlers, vectors 32-255 to the handler registered for them (device IRQs, IPIs, the
// LAPIC timer later), and a vector nobody registered is logged as "unexpected interrupt N" and ignored, so
// a stray interrupt cannot take the kernel down. The handler table is shared by all CPUs (so is the IDT);
// registering claims an empty slot with one compare-and-swap, so two CPUs never both get a vector, and
// every CPU sees the pointer whole; the unexpected-interrupt count is approximate under SMP. Handlers run
// with interrupts off, on the interrupted stack, and must neither allocate nor block; they return to
// resume the interrupted code - or, through the exit hook, the scheduler switches to another thread first
// and resumes this one later.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class InterruptVectors
    {
        /// <summary>The first vector free for devices and IPIs (0-31 are the CPU's exceptions).</summary>
        public const int FirstAssignable = CpuException.Count;

        private static HandlerTable s_handlers;
        private static ulong s_unexpected;
        private static delegate*<void> s_exitHook;

        private struct HandlerTable
        {
            public fixed ulong Entries[InterruptDescriptorTable.Vectors];
        }

        /// <summary>How many interrupts arrived on vectors with no handler (each is also logged).</summary>
        public static ulong UnexpectedCount => s_unexpected;

        /// <summary>
        /// Makes <paramref name="handler"/> run for <paramref name="vector"/>. False when the vector is a CPU
        /// exception (below FirstAssignable), already taken, or the handler is null.
        /// </summary>
        public static bool Register(byte vector, delegate*<ref InterruptFrame, void> handler)
        {
            if (vector < FirstAssignable || handler == null)
                return false;
            fixed (ulong* entries = s_handlers.Entries)
                return Interlocked.CompareExchange(ref *(long*)&entries[vector], (long)handler, 0) == 0;
        }

        /// <summary>
        /// Sets what runs after every handled interrupt of vectors 32-255, once the handler (and its EOI) is
        /// done, still on the interrupted stack with interrupts off: the scheduler switches threads there.
        /// </summary>
        public static void SetExitHook(delegate*<void> hook) => s_exitHook = hook;

        /// <summary>Removes the handler of <paramref name="vector"/>; later interrupts on it are unexpected again.</summary>
        public static void Unregister(byte vector)
        {
            fixed (ulong* entries = s_handlers.Entries)
                entries[vector] = 0;
        }

        /// <summary>
        /// Executes `int vector` on this CPU (tests and benchmarks of the dispatch path). False, doing nothing,
        /// for the exception vectors whose stubs expect a CPU-pushed error code: `int n` pushes none, so the
        /// frame would be misread.
        /// </summary>
        public static bool Raise(byte vector)
        {
            if (CpuException.PushesErrorCode(vector))
                return false;
            RaiseVector(vector);
            return true;
        }

        /// <summary>
        /// Loads xmm0-15 from the 256 bytes at <paramref name="xmm"/>, executes `int vector`, and stores them
        /// back: tests check that an interrupt leaves every SSE register as it found it. False as for Raise.
        /// </summary>
        public static bool RaiseWithXmm(byte vector, byte* xmm)
        {
            if (CpuException.PushesErrorCode(vector))
                return false;
            RaiseVectorWithXmm(vector, xmm);
            return true;
        }

        [RuntimeImport("*", "interrupt_raise")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void RaiseVector(byte vector);

        [RuntimeImport("*", "interrupt_raise_with_xmm")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void RaiseVectorWithXmm(byte vector, byte* xmm);

        [RuntimeExport("interrupt_dispatch")]
        private static void Dispatch(InterruptFrame* frame)
        {
            ulong vector = frame->Vector;
            if (vector < FirstAssignable)
            {
                CpuExceptionHandlers.Handle(ref *frame);
                return;
            }
            DispatchDevice(frame, vector);
            // A thread asked to stop, or destroyed, parks or leaves here rather than returning to user mode.
            if ((frame->Cs & 3) == 3)
                Objects.ThreadObject.BeforeUserMode();
        }

        private static void DispatchDevice(InterruptFrame* frame, ulong vector)
        {
            ulong handler;
            fixed (ulong* entries = s_handlers.Entries)
                handler = vector < InterruptDescriptorTable.Vectors ? entries[vector] : 0;
            if (handler != 0)
            {
                ((delegate*<ref InterruptFrame, void>)handler)(ref *frame);
                delegate*<void> exitHook = s_exitHook;
                if (exitHook != null)
                    exitHook();
                return;
            }
            s_unexpected++;
            Log.Error("interrupts", $"unexpected interrupt {vector} at rip 0x{frame->Rip:x}: no handler registered; ignored");
        }
    }
}
