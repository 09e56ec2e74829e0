// The host tests' user TLB: records what the object code asked to invalidate, so tests can check that
// every page-table change that needs it is followed by an invalidation.
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe partial class UserTlb
    {
        public static int HostInvalidations;
        public static TlbInvalidation HostLast;

        public static partial void Invalidate(UserTlbState* space, TlbInvalidation stale)
        {
            HostInvalidations++;
            HostLast = stale;
        }
    }
}
