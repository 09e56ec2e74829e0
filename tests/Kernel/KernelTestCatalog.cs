// Every kernel test suite, registered in one place (there is no reflection to discover them).
namespace MinimalOS.Kernel.Tests
{
    internal static class KernelTestCatalog
    {
        public static void RegisterAll(KernelTestList tests)
        {
            RuntimeTests.Register(tests);
            FramebufferConsoleTests.Register(tests);
            BootInfoTests.Register(tests);
            KernelAddressSpaceTests.Register(tests);
            SymbolTests.Register(tests);
            BacktraceTests.Register(tests);
            PanicTests.Register(tests);
            ObjectModelTests.Register(tests);
            InterfaceDispatchTests.Register(tests);
            GenericsTests.Register(tests);
            GenericVirtualMethodTests.Register(tests);
            DelegateTests.Register(tests);
            StringTests.Register(tests);
            ArrayAndSpanTests.Register(tests);
            StaticConstructorTests.Register(tests);
            CastingTests.Register(tests);
            BoxingTests.Register(tests);
            ControlFlowTests.Register(tests);
            FormattingTests.Register(tests);
            KernelHeapTests.Register(tests);
            PhysicalMemoryTests.Register(tests);
            CapabilityCoreTests.Register(tests);
            AcpiTests.Register(tests);
            CpuExceptionTests.Register(tests);
            InterruptVectorTests.Register(tests);
            LocalApicTimerTests.Register(tests);
            IoApicRoutingTests.Register(tests);
            CmosRtcTests.Register(tests);
            ConsoleInputTests.Register(tests);
            ThisCpuTests.Register(tests);
            SpinLockTests.Register(tests);
            SmpLockTests.Register(tests);
            SchedulingStructuresTests.Register(tests);
            ThreadTests.Register(tests);
            SchedulerTests.Register(tests);
            SmpSchedulerTests.Register(tests);
            FpuStateTests.Register(tests);
            SmpTests.Register(tests);
        }
    }
}
