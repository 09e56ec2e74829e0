// Reads an assembly (with its portable PDB when there is one, so ilc -g keeps source lines), rewrites its
// generic virtual calls and writes the result to another path. With no generic virtual call the input is
// copied byte for byte, so assemblies without GVMs reach ilc unchanged. Assemblies it references are
// resolved from the input's directory and any extra directories given.
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MinimalOS.Tools.GvmRewriter
{
    public static class AssemblyRewriter
    {
        public static RewriteSummary RewriteFile(string input, string output, IEnumerable<string> referenceDirectories = null)
        {
            string inputPdb = Path.ChangeExtension(input, ".pdb");
            string outputPdb = Path.ChangeExtension(output, ".pdb");
            bool hasSymbols = File.Exists(inputPdb);
            using var resolver = new DefaultAssemblyResolver();
            foreach (string directory in resolver.GetSearchDirectories())
                resolver.RemoveSearchDirectory(directory);
            resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(input)));
            foreach (string directory in referenceDirectories ?? Enumerable.Empty<string>())
                resolver.AddSearchDirectory(directory);
            var readerParameters = new ReaderParameters
            {
                AssemblyResolver = resolver,
                ReadSymbols = hasSymbols,
                SymbolReaderProvider = hasSymbols ? new PortablePdbReaderProvider() : null,
                InMemory = true,
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output)));
            using ModuleDefinition module = ModuleDefinition.ReadModule(input, readerParameters);
            var referencesBefore = module.AssemblyReferences.Select(r => r.FullName).ToHashSet();
            RewriteSummary summary = GvmRewriter.Rewrite(module);
            if (summary.CallSites == 0)
            {
                File.Copy(input, output, overwrite: true);
                if (hasSymbols)
                    File.Copy(inputPdb, outputPdb, overwrite: true);
                else
                    File.Delete(outputPdb);
                return summary;
            }
            // Reading primitive types makes Cecil add a reference to "mscorlib" when the module names no
            // core library it knows; nothing uses it and ilc must not go looking for it.
            foreach (AssemblyNameReference added in module.AssemblyReferences.Where(r => !referencesBefore.Contains(r.FullName)).ToList())
            {
                if (added.Name == "mscorlib")
                    module.AssemblyReferences.Remove(added);
            }
            var writerParameters = new WriterParameters
            {
                WriteSymbols = hasSymbols,
                SymbolWriterProvider = hasSymbols ? new PortablePdbWriterProvider() : null,
            };
            module.Write(output, writerParameters);
            if (!hasSymbols)
                File.Delete(outputPdb);
            return summary;
        }
    }
}
