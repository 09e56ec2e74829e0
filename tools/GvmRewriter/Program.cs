// Command line of the GVM rewriter, run by the Makefile between Roslyn and ilc:
//   GvmRewriter <input.dll> <output.dll>
// Exit status 0 on success (one summary line on stdout); 1 with one "error:" line on stderr when a generic
// virtual method use cannot be devirtualised (the output is then removed, so make cannot go on with a
// stale one); 2 for bad usage.
using System;
using System.IO;

namespace MinimalOS.Tools.GvmRewriter
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length != 2)
            {
                Console.Error.WriteLine("usage: GvmRewriter <input.dll> <output.dll>");
                return 2;
            }
            try
            {
                RewriteSummary summary = AssemblyRewriter.RewriteFile(args[0], args[1]);
                Console.WriteLine($"GvmRewriter: {Path.GetFileName(args[0])}: {summary.CallSites} generic virtual call sites through {summary.Dispatchers} dispatchers");
                return 0;
            }
            catch (Exception e) when (e is GvmRewriteException || e is IOException || e is BadImageFormatException || e is Mono.Cecil.AssemblyResolutionException)
            {
                File.Delete(args[1]);
                Console.Error.WriteLine($"error: GvmRewriter: {e.Message}");
                return 1;
            }
        }
    }
}
