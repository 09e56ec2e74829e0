// The C# side of the corelib's resume_point.asm (src/Corelib/Native, shared with the kernel): a saved point
// the runner returns to when a check fails.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Tests.User.Framework
{
    internal unsafe struct ResumePoint
    {
        private fixed ulong _registers[9];

        /// <summary>0 when saving; 1 when <see cref="Resume"/> came back to it.</summary>
        [RuntimeImport("*", "resume_point_save")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Save(ResumePoint* point);

        [RuntimeImport("*", "resume_point_resume")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Resume(ResumePoint* point);
    }
}
