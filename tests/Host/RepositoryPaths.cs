// Locates files of the repository from the test binaries' directory (tests run from tests/Host/bin/...).
using System;
using System.IO;

namespace MinimalOS.Tests.Host
{
    internal static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string VendoredFont => Path.Combine(Root, "assets", "fonts", "Lat15-Terminus16.psf.gz");

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "MinimalOS.sln")))
                    return directory.FullName;
            }
            throw new InvalidOperationException($"no MinimalOS.sln above {AppContext.BaseDirectory}");
        }
    }
}
