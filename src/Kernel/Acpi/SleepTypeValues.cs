// The SLP_TYP values of one sleep state from the DSDT's \_Sx package: what to put into bits 10-12 of the
// PM1a and PM1b control registers (together with SLP_EN) to enter that state. Each is 3 bits.
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct SleepTypeValues
    {
        public SleepTypeValues(byte typeA, byte typeB)
        {
            TypeA = typeA;
            TypeB = typeB;
        }

        public byte TypeA { get; }
        public byte TypeB { get; }
    }
}
