// A place to return to from deep inside a call chain (setjmp/longjmp). Used where C# has no catch yet:
// the kernel test runner resumes here after a failed assertion or a panic during a test. Frames that are
// skipped are abandoned, not unwound: finally blocks in them do not run.
// Rules, as for C's setjmp: call Save directly from the frame that stays alive (never wrap it), and after
// a resume read only state kept in memory that outlives the frame (statics), not locals changed since.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal unsafe struct ResumePoint
    {
        // Callee-saved registers, stack pointer, return address, and RFLAGS: a resume from inside an interrupt
        // handler (a panic in a trap) must not leave interrupts off for the code that continues.
        private fixed ulong _registers[9];

        /// <summary>Returns 0 when saved, 1 when later resumed through <see cref="Resume"/>.</summary>
        [RuntimeImport("*", "resume_point_save")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Save(ResumePoint* point);

        /// <summary>Continues at the matching <see cref="Save"/>, which then returns 1. Never returns.</summary>
        [RuntimeImport("*", "resume_point_resume")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Resume(ResumePoint* point);
    }
}
