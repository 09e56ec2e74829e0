// A generic virtual method use the rewriter cannot turn into correct direct calls. It is a build error:
// the message names the method and the reason, and the rewriter never writes an output after one.
using System;

namespace MinimalOS.Tools.GvmRewriter
{
    public sealed class GvmRewriteException : Exception
    {
        public GvmRewriteException(string message) : base(message) { }
    }
}
