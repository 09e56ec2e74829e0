// Host tests of the address-space registry: handles resolve while their space lives, stop resolving once
// it is destroyed (also after the id is reused by another space), malformed handles resolve to nothing,
// and the registry fills up cleanly.
using MinimalOS.Kernel.Objects;
using Xunit;

namespace MinimalOS.Tests.Host.Objects
{
    public sealed class AddressSpaceRegistryTests
    {
        [Fact]
        public void AHandleResolvesUntilItsSpaceIsUnregistered()
        {
            var registry = new AddressSpaceRegistry();
            Assert.True(registry.TryRegister(0x1000, out ulong handle, out ushort id));
            Assert.Equal((ushort)1, id);
            Assert.Equal(0x1000UL, registry.Resolve(handle));
            Assert.True(registry.Unregister(handle));
            Assert.Equal(0UL, registry.Resolve(handle));
            Assert.False(registry.Unregister(handle));
        }

        [Fact]
        public void AStaleHandleDoesNotNameTheNextSpaceWithTheSameId()
        {
            var registry = new AddressSpaceRegistry();
            registry.TryRegister(0x1000, out ulong old, out ushort oldId);
            registry.Unregister(old);
            Assert.True(registry.TryRegister(0x2000, out ulong fresh, out ushort freshId));
            Assert.Equal(oldId, freshId);
            Assert.NotEqual(old, fresh);
            Assert.Equal(0UL, registry.Resolve(old));
            Assert.Equal(0x2000UL, registry.Resolve(fresh));
        }

        [Fact]
        public void MalformedHandlesResolveToNothing()
        {
            var registry = new AddressSpaceRegistry();
            registry.TryRegister(0x1000, out ulong handle, out _);
            Assert.Equal(0UL, registry.Resolve(0));
            Assert.Equal(0UL, registry.Resolve(handle + (1UL << 16)));
            Assert.Equal(0UL, registry.Resolve(0xFFFF));
            Assert.False(registry.TryRegister(0, out _, out _));
        }

        [Fact]
        public void TheRegistryFillsUpAndRefusesCleanly()
        {
            var registry = new AddressSpaceRegistry();
            for (int i = 1; i < AddressSpaceRegistry.Capacity; i++)
                Assert.True(registry.TryRegister((ulong)i * 0x2000, out _, out ushort id));
            Assert.Equal(0, registry.Free);
            Assert.False(registry.TryRegister(0x999000, out ulong none, out _));
            Assert.Equal(0UL, none);
        }
    }
}
