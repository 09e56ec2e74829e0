// The portable face of user TLB maintenance: after a user page-table change the object code hands the
// space's tracking state and what went stale here, and it is gone from every CPU's TLB when this returns.
// The kernel implements it with UserSpaceSwitch (shootdowns only to CPUs that ran the space); host tests
// record the calls.
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe partial class UserTlb
    {
        public static partial void Invalidate(UserTlbState* space, TlbInvalidation stale);
    }
}
