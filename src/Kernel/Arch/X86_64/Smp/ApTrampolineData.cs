// The data block inside the copied AP start-up code (Native/smp_trampoline.asm, whose D_* offsets these
// field offsets must match). Written by the boot CPU through the direct map before each start-up IPI,
// read by the AP in real mode and in long mode before it reaches the kernel's text. Never used elsewhere.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    [StructLayout(LayoutKind.Explicit)]
    internal struct ApTrampolineData
    {
        /// <summary>The linear base of the trampoline's GDT: assembled as an offset, the page address is added.</summary>
        [FieldOffset(4)] public uint GdtBase;

        /// <summary>The long-mode far-jump target: assembled as an offset, the page address is added.</summary>
        [FieldOffset(8)] public uint JumpOffset;

        /// <summary>CR3 during the switch to long mode; must be below 4 GiB (loaded by a 32-bit mov).</summary>
        [FieldOffset(16)] public uint TemporaryRoot;

        /// <summary>The only initial APIC id allowed past the first instructions; any other AP halts there.</summary>
        [FieldOffset(20)] public uint ExpectedApicId;

        /// <summary>Set to 1 by the expected AP as soon as it runs (so the second start-up IPI can be skipped).</summary>
        [FieldOffset(24)] public uint Arrived;

        [FieldOffset(32)] public ulong Cr0;
        [FieldOffset(40)] public ulong Cr4;
        [FieldOffset(48)] public ulong Efer;
        [FieldOffset(56)] public ulong KernelRoot;
        [FieldOffset(64)] public ulong StackTop;
        [FieldOffset(72)] public ulong CpuIndex;
    }
}
