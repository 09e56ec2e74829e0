// One problem met while reading the ACPI tables: what it was and two values whose meaning the code defines.
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct AcpiWarning
    {
        public AcpiWarning(AcpiWarningCode code, ulong a, ulong b)
        {
            Code = code;
            A = a;
            B = b;
        }

        public AcpiWarningCode Code { get; }
        public ulong A { get; }
        public ulong B { get; }
    }
}
