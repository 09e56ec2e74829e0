// Every kernel test suite, registered in one place (there is no reflection to discover them).
namespace MinimalOS.Kernel.Tests
{
    internal static class KernelTestCatalog
    {
        public static void RegisterAll(KernelTestList tests)
        {
            RuntimeTests.Register(tests);
            InterfaceDispatchTests.Register(tests);
        }
    }
}
