// A file the boot loader loaded next to the kernel: its physical range [Start, End) and the loader's string
// for it (usually the path and arguments). The range is as reported; it is checked only for End >= Start.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public readonly struct BootModule
    {
        public BootModule(PhysicalAddress start, PhysicalAddress end, BootText text)
        {
            Start = start;
            End = end;
            Text = text;
        }

        public PhysicalAddress Start { get; }
        public PhysicalAddress End { get; }
        public BootText Text { get; }

        public ulong Length => End.Value - Start.Value;
    }
}
