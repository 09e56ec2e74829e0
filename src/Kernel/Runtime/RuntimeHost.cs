// The kernel's side of the corelib's RuntimeHooks: where C# allocations come from, and what a throw or a
// runtime failure does (a panic), and who owns a running static constructor. Nothing else in the kernel
// talks to the corelib's internals.
using System;
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Runtime
{
    internal static unsafe class RuntimeHost
    {

        // Every C# object comes from the kernel heap; objects are freed only explicitly (KernelHeap.Release).
        [RuntimeExport("MinimalOS_Allocate")]
        private static void* Allocate(nuint size) => KernelHeap.Allocate(size);

        // Names come from the kernel's embedded symbol table (the MethodTable's symbol); null if not found.
        [RuntimeExport("MinimalOS_TypeName")]
        private static string TypeName(void* methodTable)
        {
            Span<byte> name = stackalloc byte[160];
            var writer = new TextWriterSpan(name);
            if (!KernelDebugInfo.TryAppendTypeName(ref writer, (ulong)methodTable) || writer.Truncated)
                return null;
            Span<char> chars = stackalloc char[writer.Length];
            for (int i = 0; i < chars.Length; i++)
                chars[i] = (char)name[i];
            return new string(chars);
        }

        // Static constructors: the owner is this CPU, and interrupts stay off on it while a constructor runs or
        // is waited for, so no other thread runs here meanwhile and the CPU's identity names one flow of
        // execution. (When threads migrate and are preempted, the current thread's id can take its place.)
        [RuntimeExport("MinimalOS_BeginClassConstructor")]
        private static nint BeginClassConstructor(nint* owner)
        {
            bool interrupts = Cpu.DisableInterruptsSaving();
            *owner = ThisCpu.Index + 1;
            return interrupts ? 1 : 0;
        }

        [RuntimeExport("MinimalOS_EndClassConstructor")]
        private static void EndClassConstructor(nint pinned)
        {
            if (pinned != 0)
                Cpu.EnableInterrupts();
        }

        [RuntimeExport("MinimalOS_UnhandledException")]
        private static void UnhandledException(object exception) => Diagnostics.Panic.FromException(exception);

        [RuntimeExport("MinimalOS_FailFast")]
        private static void FailFast(string reason) => Diagnostics.Panic.Halt(reason);
    }
}
