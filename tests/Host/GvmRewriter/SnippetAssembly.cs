// Test support for the GVM rewriter: compiles a C# snippet against the running .NET into a temporary
// directory, rewrites it, and runs a static method of the rewritten assembly in its own collectible load
// context. Each instance owns its directory and removes it when disposed.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MinimalOS.Tools.GvmRewriter;

namespace MinimalOS.Tests.Host.GvmRewriter
{
    internal sealed class SnippetAssembly : IDisposable
    {
        private static readonly string RuntimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "gvm-rewriter-" + Guid.NewGuid().ToString("N"));

        public string InputPath { get; }
        public string OutputPath { get; }

        public SnippetAssembly(string source)
        {
            Directory.CreateDirectory(_directory);
            InputPath = Path.Combine(_directory, "Snippet.dll");
            OutputPath = Path.Combine(_directory, "rewritten", "Snippet.dll");
            IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES"))
                .Split(Path.PathSeparator)
                .Where(path => Path.GetDirectoryName(path) == RuntimeDirectory)
                .Select(path => MetadataReference.CreateFromFile(path));
            CSharpCompilation compilation = CSharpCompilation.Create("Snippet",
                new[] { CSharpSyntaxTree.ParseText(source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
            var result = compilation.Emit(InputPath);
            if (!result.Success)
                throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        public RewriteSummary Rewrite() => AssemblyRewriter.RewriteFile(InputPath, OutputPath, new[] { RuntimeDirectory });

        /// <summary>Calls public static <c>Probe.Run()</c> (or another method) of the rewritten assembly and returns its string.</summary>
        public string Run(string method = "Run") => RunFrom(OutputPath, method);

        /// <summary>The same call on the assembly as Roslyn compiled it: .NET's own generic virtual dispatch.</summary>
        public string RunOriginal(string method = "Run") => RunFrom(InputPath, method);

        private static string RunFrom(string path, string method)
        {
            var context = new AssemblyLoadContext("gvm-snippet", isCollectible: true);
            try
            {
                using var stream = new MemoryStream(File.ReadAllBytes(path));
                Assembly assembly = context.LoadFromStream(stream);
                try
                {
                    return (string)assembly.GetType("Probe").GetMethod(method).Invoke(null, null);
                }
                catch (TargetInvocationException e)
                {
                    throw e.InnerException;
                }
            }
            finally
            {
                context.Unload();
            }
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless; the next run uses a new name.
            }
        }
    }
}
