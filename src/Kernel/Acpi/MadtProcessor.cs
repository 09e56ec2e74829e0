// One processor the MADT lists (Processor Local APIC entry, type 0, or Processor Local x2APIC, type 9).
// A processor that is neither enabled nor online-capable must never be started.
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct MadtProcessor
    {
        public MadtProcessor(uint acpiProcessorId, uint apicId, bool enabled, bool onlineCapable, bool isX2Apic)
        {
            AcpiProcessorId = acpiProcessorId;
            ApicId = apicId;
            Enabled = enabled;
            OnlineCapable = onlineCapable;
            IsX2Apic = isX2Apic;
        }

        /// <summary>The ACPI processor id (type 0) or processor UID (type 9) that NMI entries refer to.</summary>
        public uint AcpiProcessorId { get; }

        /// <summary>The local APIC id (8 bits for type 0, 32 bits for x2APIC entries).</summary>
        public uint ApicId { get; }

        /// <summary>Flags bit 0: the processor is usable now.</summary>
        public bool Enabled { get; }

        /// <summary>Flags bit 1 (ACPI 6.3+): not enabled now but may be brought online.</summary>
        public bool OnlineCapable { get; }

        public bool IsX2Apic { get; }
    }
}
