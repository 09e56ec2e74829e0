// The C# half of program start-up, called by _start (Native/start.asm): prepares the runtime (the GC
// static bases ilc left for start-up, as the kernel's RuntimeStartup does) and then runs the program's
// entry point, the method it exports as MinimalOS_Main. Until the modules are initialised no static field
// of reference type may be touched, so nothing before that line may use one.
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime.CompilerHelpers;

namespace MinimalOS.User.Runtime
{
    internal static unsafe class UserStartup
    {
        [RuntimeExport("MinimalOS_UserStart")]
        private static void Start(BootInfo bootInfo, nint* modulesStart, nint* modulesEnd)
        {
            string failure = StartupCodeHelpers.InitializeModules(modulesStart, modulesEnd);
            if (failure != null)
                UserRuntimeHost.Terminate("runtime start-up failed: ", failure);
            ProgramMain(bootInfo);
        }

        /// <summary>
        /// The program's entry point: every program defines
        /// <c>[RuntimeExport("MinimalOS_Main")] static void Main(BootInfo bootInfo)</c>; returning from it ends the thread with exit code 0.
        /// </summary>
        [RuntimeImport("*", "MinimalOS_Main")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ProgramMain(BootInfo bootInfo);
    }
}
