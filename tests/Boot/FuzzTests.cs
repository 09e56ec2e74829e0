// The short fuzz run of `make test`: the ring-3 fuzzer (tests/User/Fuzzer) as the root task, 20,000 calls
// from a fixed seed on two CPUs, must end with its closing line saying 0 failures for exactly that run, its
// root task must exit with 0, and QEMU must end through exit-on-ready (status 1; a failing fuzzer makes
// the kernel exit with 3). `make fuzz` is the long run with a seed of the user's choosing.
using System.Linq;
using System.Text.RegularExpressions;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;

namespace MinimalOS.Tests.Boot
{
    public sealed class FuzzTests
    {
        private const ulong Seed = 20261204;
        private const int Calls = 20000;

        [Fact]
        public void ShortRunFindsNoFailure()
        {
            var launch = new QemuLaunch("fuzz-short", BootMethod.Direct, BuildArtifacts.Kernel)
            {
                RootTask = BuildArtifacts.Fuzzer,
                KernelCommandLine = $"wait-roottask {KernelMarkers.ExitOnReady} user.fuzz.seed={Seed} user.fuzz.calls={Calls}",
                Cpus = 2,
            };
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            var closing = new Regex(@"user: fuzz: (\d+) calls, (\d+) failures \(seed (\d+)\)$");
            Match last = qemu.Serial.Lines().Select(line => closing.Match(line.TrimEnd())).LastOrDefault(match => match.Success);
            Assert.True(last is not null, $"no closing \"fuzz: <calls> calls, <failures> failures (seed <seed>)\" line (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.True(last.Groups[1].Value == Calls.ToString() && last.Groups[3].Value == Seed.ToString(),
                $"the closing line is for another run: {last.Value}\n{qemu.Diagnostics()}");
            Assert.True(last.Groups[2].Value == "0", $"the fuzzer found failures: {last.Value}\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine("roottask: exited with code 0"), $"the fuzzer did not exit with 0.\n{qemu.Diagnostics()}");
            Assert.Equal(KernelMarkers.ExitOnReadyStatus, status);
        }
    }
}
