// The 32 exception vectors x86_64 reserves: their names and mnemonics, and whether the CPU pushes an error
// code for them (the entry stubs push a dummy one otherwise). Facts from the architecture, no behaviour.
namespace MinimalOS.Kernel.Interrupts
{
    public static class CpuException
    {
        public const int Count = 32;
        public const byte DivideError = 0;
        public const byte Debug = 1;
        public const byte NonMaskableInterrupt = 2;
        public const byte Breakpoint = 3;
        public const byte InvalidOpcode = 6;
        public const byte DoubleFault = 8;
        public const byte GeneralProtection = 13;
        public const byte PageFault = 14;
        public const byte MachineCheck = 18;

        /// <summary>The readable name, e.g. "page fault"; vectors the architecture leaves reserved are "reserved".</summary>
        public static string Name(int vector) => vector switch
        {
            0 => "divide error",
            1 => "debug",
            2 => "non-maskable interrupt",
            3 => "breakpoint",
            4 => "overflow",
            5 => "bound range exceeded",
            6 => "invalid opcode",
            7 => "device not available",
            8 => "double fault",
            9 => "coprocessor segment overrun",
            10 => "invalid TSS",
            11 => "segment not present",
            12 => "stack-segment fault",
            13 => "general protection fault",
            14 => "page fault",
            16 => "x87 floating-point error",
            17 => "alignment check",
            18 => "machine check",
            19 => "SIMD floating-point exception",
            20 => "virtualization exception",
            21 => "control protection exception",
            28 => "hypervisor injection exception",
            29 => "VMM communication exception",
            30 => "security exception",
            _ => "reserved",
        };

        /// <summary>The manual's mnemonic without the '#', e.g. "PF"; "??" for reserved vectors.</summary>
        public static string Mnemonic(int vector) => vector switch
        {
            0 => "DE", 1 => "DB", 2 => "NMI", 3 => "BP", 4 => "OF", 5 => "BR", 6 => "UD", 7 => "NM",
            8 => "DF", 9 => "CSO", 10 => "TS", 11 => "NP", 12 => "SS", 13 => "GP", 14 => "PF",
            16 => "MF", 17 => "AC", 18 => "MC", 19 => "XM", 20 => "VE", 21 => "CP", 28 => "HV",
            29 => "VC", 30 => "SX",
            _ => "??",
        };

        /// <summary>Whether the CPU pushes an error code when delivering <paramref name="vector"/>.</summary>
        public static bool PushesErrorCode(int vector) => vector switch
        {
            8 or 10 or 11 or 12 or 13 or 14 or 17 or 21 or 29 or 30 => true,
            _ => false,
        };
    }
}
