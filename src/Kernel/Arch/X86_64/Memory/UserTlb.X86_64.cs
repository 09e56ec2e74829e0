// User TLB maintenance on x86_64: one page by INVLPG, a whole space by a CR3 reload of its PCID, on the CPUs
// that ran it (UserSpaceSwitch.Shootdown).
using System;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe partial class UserTlb
    {
        public static partial void Invalidate(UserTlbState* space, TlbInvalidation stale)
        {
            if (!stale.Any)
                return;
            ulong page = stale.Page.Value;
            if (stale.All)
                UserSpaceSwitch.ShootdownEverything(space);
            else
                UserSpaceSwitch.Shootdown(space, new ReadOnlySpan<ulong>(&page, 1));
        }
    }
}
