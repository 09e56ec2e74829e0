// The warnings collected while reading the ACPI tables, in the order found. Fixed capacity so hostile tables
// cannot make the parser allocate without bound; warnings past the capacity are only counted.
namespace MinimalOS.Kernel.Acpi
{
    public sealed class AcpiWarnings
    {
        public const int Capacity = 32;

        private readonly AcpiWarning[] _warnings = new AcpiWarning[Capacity];
        private int _count;

        public int Count => _count;

        /// <summary>Warnings that did not fit and were dropped.</summary>
        public int Dropped { get; private set; }

        public AcpiWarning this[int index] => _warnings[index];

        public void Add(AcpiWarningCode code, ulong a = 0, ulong b = 0)
        {
            if (_count == Capacity)
            {
                Dropped++;
                return;
            }
            _warnings[_count++] = new AcpiWarning(code, a, b);
        }

        public bool Contains(AcpiWarningCode code)
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
