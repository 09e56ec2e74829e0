// Brings the C# runtime to a usable state before any other kernel code runs: allocates the GC static
// bases that ilc left for start-up. Until this has run, no static field of reference type may be touched.
using Internal.Runtime.CompilerHelpers;
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel.Runtime
{
    internal static unsafe class RuntimeStartup
    {
        /// <summary>Returns null on success, else why the runtime could not start.</summary>
        public static string Initialize(KernelImageLayout* layout) =>
            StartupCodeHelpers.InitializeModules((nint*)layout->ModulesStart, (nint*)layout->ModulesEnd);
    }
}
