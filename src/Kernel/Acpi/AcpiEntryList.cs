// A fixed-capacity list for entries parsed out of ACPI tables: firmware decides how many entries a table
// has, so the parser must never grow without bound. Entries past the capacity are counted, not stored.
namespace MinimalOS.Kernel.Acpi
{
    public sealed class AcpiEntryList<T>
    {
        private readonly T[] _items;
        private int _count;

        public AcpiEntryList(int capacity) => _items = new T[capacity];

        public int Count => _count;
        public int Capacity => _items.Length;

        /// <summary>Entries that did not fit and were dropped.</summary>
        public int Dropped { get; private set; }

        public T this[int index] => _items[index];

        /// <summary>False (and counted as dropped) when the list is full.</summary>
        public bool Add(T item)
        {
            if (_count == _items.Length)
            {
                Dropped++;
                return false;
            }
            _items[_count++] = item;
            return true;
        }
    }
}
