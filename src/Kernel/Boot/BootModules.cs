// The boot modules the loader reported, up to a fixed capacity. Ranges that end before they start are
// reported and dropped; modules past the capacity are counted and reported, not stored.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public sealed class BootModules
    {
        public const int Capacity = 32;

        private readonly BootModule[] _modules = new BootModule[Capacity];
        private int _count;
        private ulong _offered;

        public int Count => _count;

        public BootModule this[int index] => _modules[index];

        public void Add(uint start, uint end, BootText text, BootWarnings warnings)
        {
            _offered++;
            if (end < start)
            {
                warnings.Add(BootWarningCode.InvalidRange, BootSubject.ModuleList, start, end);
                return;
            }
            if (_count == Capacity)
                return;
            _modules[_count++] = new BootModule(new PhysicalAddress(start), new PhysicalAddress(end), text);
        }

        /// <summary>Counts modules the loader listed that were not even read (a count beyond the capacity).</summary>
        public void CountUnread(ulong modules) => _offered += modules;

        public void Complete(BootWarnings warnings)
        {
            if (_offered > Capacity)
                warnings.Add(BootWarningCode.TooManyEntries, BootSubject.ModuleList, _offered, Capacity);
        }
    }
}
