// A kernel command-line option that could not be applied: which option (its index in the command line)
// and what was wrong with it. KernelOptions collects them; the boot log reports each as a warning.
namespace MinimalOS.Kernel.Boot
{
    public enum KernelOptionProblemKind : byte
    {
        Unknown,
        ValueNotExpected,
        ValueMissing,
        ValueInvalid,
    }

    public readonly struct KernelOptionProblem
    {
        public KernelOptionProblem(KernelOptionProblemKind kind, int optionIndex)
        {
            Kind = kind;
            OptionIndex = optionIndex;
        }

        public KernelOptionProblemKind Kind { get; }
        public int OptionIndex { get; }
    }
}
