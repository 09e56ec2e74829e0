// Read-only access to physical memory for the boot-information parsers: the kernel implements it over the
// boot stub's identity map, host tests over crafted byte images. Implementations must never throw and must
// never return bytes that are not really readable; the parsers treat every address they get as untrusted.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public abstract class PhysicalMemoryReader
    {
        /// <summary>
        /// Returns the readable bytes starting at <paramref name="address"/>, at most <paramref name="maxLength"/>
        /// of them: fewer when readable memory ends sooner, none when the address itself is not readable.
        /// </summary>
        public abstract ReadOnlySpan<byte> Read(PhysicalAddress address, int maxLength);
    }
}
