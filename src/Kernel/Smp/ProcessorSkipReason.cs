// Why a processor the MADT lists is not started. Each reason gets its own log line at bring-up.
namespace MinimalOS.Kernel.Smp
{
    public enum ProcessorSkipReason : byte
    {
        /// <summary>Started (or to be started): not skipped.</summary>
        None,

        /// <summary>The firmware marked it not enabled (online-capable processors need hot-plug, which does not exist).</summary>
        NotEnabled,

        /// <summary>It is the boot CPU, which is already running.</summary>
        BootCpu,

        /// <summary>Its APIC id appeared earlier in the table: a firmware error; the first entry wins.</summary>
        DuplicateApicId,

        /// <summary>Its APIC id is beyond what the per-CPU lookup tables (and an 8-bit start-up check) cover.</summary>
        ApicIdTooLarge,

        /// <summary>Every per-CPU slot is taken.</summary>
        TooManyCpus,
    }
}
