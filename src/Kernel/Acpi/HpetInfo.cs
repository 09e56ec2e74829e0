// What the HPET table says about the first High Precision Event Timer block: where its registers are and
// its capabilities as the firmware copied them from the hardware. The timer code re-reads the capability
// register itself; these values are for choosing and logging.
namespace MinimalOS.Kernel.Acpi
{
    public sealed class HpetInfo
    {
        public GenericAddress BaseAddress { get; internal set; }
        public byte HardwareRevision { get; internal set; }

        /// <summary>Comparators (timers) in the block: the table's "last comparator index" plus one.</summary>
        public int ComparatorCount { get; internal set; }
        public bool CounterIs64Bit { get; internal set; }
        public bool LegacyReplacementCapable { get; internal set; }
        public ushort PciVendorId { get; internal set; }
        public byte HpetNumber { get; internal set; }

        /// <summary>The minimum periodic tick, in main counter ticks, that does not lose interrupts.</summary>
        public ushort MinimumTick { get; internal set; }
    }
}
