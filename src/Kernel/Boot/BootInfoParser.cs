// Entry to boot-information parsing: picks the parser by the magic value the loader left in EAX. Never
// throws; an unknown magic gives a BootInfo with an error and no data.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class BootInfoParser
    {
        public static BootInfo Parse(uint magic, PhysicalAddress information, PhysicalMemoryReader memory) => magic switch
        {
            Multiboot1Parser.Magic => Multiboot1Parser.Parse(information, memory),
            Multiboot2Parser.Magic => Multiboot2Parser.Parse(information, memory),
            _ => BootInfo.Failed(BootProtocol.Unknown, BootInfoError.UnrecognizedMagic, magic),
        };
    }
}
