// Every in-kernel test (tests/Kernel) as its own xunit result, once per boot method: direct Multiboot 1,
// the test ISO under SeaBIOS and under OVMF; the class names carry the CPU count and model each boot runs
// with (KernelTestRun.CpusFor, CpuModelFor). The theory data comes from the kernel's report at run time
// (DisableDiscoveryEnumeration), so discovering the tests never boots QEMU. One class per boot method lets
// xunit run the three boots in parallel.
using Xunit;

namespace MinimalOS.Tests.Boot.Kernel
{
    public sealed class KernelTestsDirectSmp4
    {
        public static TheoryData<string> Names() => KernelTestRun.TestNames(BootMethod.Direct);

        [Fact]
        public void RunCompletes() => KernelTestRun.For(BootMethod.Direct).CheckCompleted();

        [Theory]
        [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
        public void Passes(string test) => KernelTestRun.For(BootMethod.Direct).CheckPassed(test);
    }

    public sealed class KernelTestsIsoBiosSmp1
    {
        public static TheoryData<string> Names() => KernelTestRun.TestNames(BootMethod.IsoBios);

        [Fact]
        public void RunCompletes() => KernelTestRun.For(BootMethod.IsoBios).CheckCompleted();

        [Theory]
        [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
        public void Passes(string test) => KernelTestRun.For(BootMethod.IsoBios).CheckPassed(test);
    }

    public sealed class KernelTestsIsoUefiSmp4CpuMax
    {
        public static TheoryData<string> Names() => KernelTestRun.TestNames(BootMethod.IsoUefi);

        [Fact]
        public void RunCompletes() => KernelTestRun.For(BootMethod.IsoUefi).CheckCompleted();

        [Theory]
        [MemberData(nameof(Names), DisableDiscoveryEnumeration = true)]
        public void Passes(string test) => KernelTestRun.For(BootMethod.IsoUefi).CheckPassed(test);
    }
}
