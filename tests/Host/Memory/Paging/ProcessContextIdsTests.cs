// Host tests of the PCID allocator: ids 1..4095 once each, lowest first, 0 (untagged) when exhausted,
// freed ids reused, bad frees refused.
using System.Collections.Generic;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed class ProcessContextIdsTests
    {
        [Fact]
        public void EveryIdFromOneTo4095IsHandedOutOnceThenUntagged()
        {
            var ids = new ProcessContextIds();
            var seen = new HashSet<ushort>();
            for (int i = 1; i < ProcessContextIds.Count; i++)
            {
                ushort id = ids.Allocate();
                Assert.Equal((ushort)i, id);
                Assert.True(seen.Add(id));
            }
            Assert.Equal(ProcessContextIds.Untagged, ids.Allocate());
            Assert.Equal(4095, ids.InUse);
        }

        [Fact]
        public void FreedIdsAreReusedLowestFirst()
        {
            var ids = new ProcessContextIds();
            for (int i = 0; i < 200; i++)
                ids.Allocate();
            Assert.True(ids.Free(70));
            Assert.True(ids.Free(5));
            Assert.Equal((ushort)5, ids.Allocate());
            Assert.Equal((ushort)70, ids.Allocate());
            Assert.Equal((ushort)201, ids.Allocate());
        }

        [Fact]
        public void BadFreesAreRefused()
        {
            var ids = new ProcessContextIds();
            Assert.False(ids.Free(ProcessContextIds.Untagged));
            Assert.False(ids.Free(9));
            Assert.False(ids.Free(5000));
            ushort id = ids.Allocate();
            Assert.True(ids.Free(id));
            Assert.False(ids.Free(id));
            Assert.Equal(0, ids.InUse);
        }
    }
}
