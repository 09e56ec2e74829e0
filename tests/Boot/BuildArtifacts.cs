// Where the boot tests find what `make` built and where they keep their logs. The tests never build:
// `make test` builds the kernels and ISOs first and names the directory in MINIMALOS_BUILD_DIR (default
// <repository>/build). A missing artifact is reported with the command that makes it.
using System;
using System.IO;

namespace MinimalOS.Tests.Boot
{
    internal static class BuildArtifacts
    {
        public const string BuildDirectoryVariable = "MINIMALOS_BUILD_DIR";

        public static string BuildDirectory { get; } = LocateBuildDirectory();

        /// <summary>Serial logs, QEMU output, screendumps and firmware variable stores of every test run.</summary>
        public static string TestLogs { get; } = Directory.CreateDirectory(Path.Combine(BuildDirectory, "test-logs")).FullName;

        public static string Kernel => Require("kernel.elf", "make");
        public static string TestKernel => Require("kernel-test.elf", "make test-kernel");
        public static string Iso => Require("minimalos.iso", "make iso");
        public static string TestIso => Require("minimalos-test.iso", "make test-iso");

        /// <summary>The root task, a boot module of every boot (the ISOs carry their own copy).</summary>
        public static string RootTask => Require(Path.Combine("user", "roottask.elf"), "make");

        /// <summary>The ring-3 fuzzer (tests/User/Fuzzer), booted as the root task by the fuzz test.</summary>
        public static string Fuzzer => Require(Path.Combine("user", "fuzzer.elf"), "make build/user/fuzzer.elf");

        /// <summary>The ring-3 test suite, booted as the root task of a run of its own (never part of a normal boot).</summary>
        public static string UserTests => Require(Path.Combine("user", "usertests.elf"), "make build/user/usertests.elf");

        /// <summary>The kernel image (ELF or ISO) that <paramref name="boot"/> starts.</summary>
        public static string Image(BootMethod boot, bool testKernel) => (boot, testKernel) switch
        {
            (BootMethod.Direct, false) => Kernel,
            (BootMethod.Direct, true) => TestKernel,
            (_, false) => Iso,
            (_, true) => TestIso,
        };

        private static string Require(string fileName, string makeCommand)
        {
            string path = Path.Combine(BuildDirectory, fileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path} does not exist: run the boot tests through `make test` (or build it with `{makeCommand}` first).", path);
            return path;
        }

        private static string LocateBuildDirectory()
        {
            string configured = Environment.GetEnvironmentVariable(BuildDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(configured))
                return Path.GetFullPath(configured);
            // Run straight from an IDE: walk up from the test assembly to the repository root.
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MinimalOS.sln")))
                    return Path.Combine(directory.FullName, "build");
            }
            throw new InvalidOperationException($"cannot find the MinimalOS build directory: set {BuildDirectoryVariable}.");
        }
    }
}
