// The warnings collected while parsing boot information, in the order found. Fixed capacity so a hostile
// structure cannot make the parser allocate without bound; warnings past the capacity are only counted.
namespace MinimalOS.Kernel.Boot
{
    public sealed class BootWarnings
    {
        public const int Capacity = 32;

        private readonly BootWarning[] _warnings = new BootWarning[Capacity];
        private int _count;

        public int Count => _count;

        /// <summary>Warnings that did not fit and were dropped.</summary>
        public int Dropped { get; private set; }

        public BootWarning this[int index] => _warnings[index];

        public void Add(BootWarningCode code, BootSubject subject, ulong a = 0, ulong b = 0)
        {
            if (_count == Capacity)
            {
                Dropped++;
                return;
            }
            _warnings[_count++] = new BootWarning(code, subject, a, b);
        }

        public bool Contains(BootWarningCode code)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_warnings[i].Code == code)
                    return true;
            }
            return false;
        }
    }
}
