// The slot layout the rest of the kernel relies on: 64 bytes (a CNode of radix r is 64 * 2^r bytes) with the
// fields where the file header of CapabilitySlot says, and an all-zero slot is empty.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class CapabilitySlotLayoutTests
    {
        [Fact]
        public void SlotIsSixtyFourBytes()
        {
            Assert.Equal(64, sizeof(CapabilitySlot));
            Assert.Equal(CapabilitySlot.Size, sizeof(CapabilitySlot));
            Assert.Equal(CapabilitySlot.Size, 1 << CapabilitySlot.SizeShift);
        }

        [Fact]
        public void FieldsSitAtTheDocumentedOffsets()
        {
            CapabilitySlot slot = default;
            byte* start = (byte*)&slot;
            Assert.Equal(0, (byte*)&slot._type - start);
            Assert.Equal(1, (byte*)&slot._rights - start);
            Assert.Equal(2, &slot._sizeBits - start);
            Assert.Equal(3, &slot._flags - start);
            Assert.Equal(4, (byte*)&slot._aux - start);
            Assert.Equal(8, (byte*)&slot._object - start);
            Assert.Equal(16, (byte*)&slot._word0 - start);
            Assert.Equal(24, (byte*)&slot._word1 - start);
            Assert.Equal(32, (byte*)&slot._parent - start);
            Assert.Equal(40, (byte*)&slot._firstChild - start);
            Assert.Equal(48, (byte*)&slot._nextSibling - start);
            Assert.Equal(56, (byte*)&slot._prevSibling - start);
        }

        [Fact]
        public void ZeroedSlotIsEmpty()
        {
            CapabilitySlot slot = default;
            Assert.True(slot.IsEmpty);
            slot._type = ObjectType.Endpoint;
            Assert.False(slot.IsEmpty);
        }
    }
}
