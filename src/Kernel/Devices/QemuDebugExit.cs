// QEMU's isa-debug-exit device (iobase 0xf4): writing v makes QEMU exit with status 2v+1. Used by the
// test kernel and the exit-on-ready boot option; on real hardware the port is unused and the write is a
// no-op, so callers fall back to halting.
using MinimalOS.Kernel.Arch.X86_64;
namespace MinimalOS.Kernel.Devices
{
    internal static class QemuDebugExit
    {
        private const ushort Port = 0xF4;

        /// <summary>QEMU exit status 1: success by our convention.</summary>
        public const byte Success = 0;

        /// <summary>QEMU exit status 3: failure by our convention.</summary>
        public const byte Failure = 1;

        public static void Exit(byte code) => Cpu.OutByte(Port, code);
    }
}
