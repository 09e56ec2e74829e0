// The lock that keeps log lines whole when several CPUs log at once: the log holds it around recording a
// line and handing it to every sink, so lines never interleave. The kernel supplies an IRQ-safe spinlock
// (Arch LogLock), host tests a fake. A panic must still be heard even when the log is stuck, so the panic
// path only tries, within a bound, and writes without the lock when it cannot get it.
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Logging
{
    public interface ILogLock : IKernelLock
    {
        /// <summary>
        /// Takes the lock unless the calling CPU already holds it (it panicked inside the log) or another CPU
        /// keeps it beyond a short bound; false means "write without it". Release only after true.
        /// </summary>
        bool TryAcquireForPanic();
    }
}
