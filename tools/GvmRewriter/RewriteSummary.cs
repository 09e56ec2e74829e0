// What one rewrite did: call sites now going through a dispatcher, and dispatchers generated.
namespace MinimalOS.Tools.GvmRewriter
{
    public readonly record struct RewriteSummary(int CallSites, int Dispatchers);
}
