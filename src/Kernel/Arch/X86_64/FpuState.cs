// How each thread's FPU/SSE/AVX registers are saved across context switches: XSAVE (XSAVEOPT when offered)
// with the state components chosen here, or FXSAVE (x87 + SSE, 512 bytes) on CPUs without XSAVE. The boot
// CPU decides once, before the first thread exists; every other CPU must then run InitializeThisCpu to
// program the same XCR0, since save areas are sized for it. It owns the save-area format (size, alignment,
// initial contents) and must never change the mechanism once threads have save areas.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class FpuState
    {
        /// <summary>FXSAVE's area; also the legacy region at the start of every XSAVE area.</summary>
        public const int LegacyAreaSize = 512;
        /// <summary>XSAVE needs 64-byte alignment (FXSAVE 16): one alignment serves both.</summary>
        public const int AreaAlignment = 64;
        // A save area lives at the top of a 16 KiB kernel stack: refuse sizes that would eat it (AVX-512 is 2688 bytes).
        private const int MaximumAreaSize = 4096;
        private const int XsaveHeaderSize = 64;

        // XCR0 state components.
        public const ulong X87Component = 1UL << 0;
        public const ulong SseComponent = 1UL << 1;
        public const ulong AvxComponent = 1UL << 2;
        // Opmask, ZMM_Hi256 and Hi16_ZMM: XCR0 requires all three together.
        public const ulong Avx512Components = 0b111UL << 5;

        private const uint FeatureLeaf = 1;
        private const uint ExtendedFeatureLeaf = 7;
        private const uint XsaveLeaf = 0xD;
        private const uint XsaveFeatureEcx = 1u << 26;
        private const uint AvxFeatureEcx = 1u << 28;
        private const uint Avx512FoundationEbx = 1u << 16;
        private const uint XsaveoptEax = 1u << 0;
        private const ulong OsXsaveCr4 = 1UL << 18;

        // FXRSTOR/XRSTOR of an all-zero legacy region would unmask every x87 and SSE exception: start from the reset values.
        private const ushort DefaultFpuControlWord = 0x037F;
        private const uint DefaultMxcsr = 0x1F80;
        private const int MxcsrOffset = 24;

        [RuntimeImport("*", "context_switch_select_xsave")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void SelectXsaveForContextSwitch(ulong components, int optimized);

        private static bool s_decided;

        /// <summary>The XCR0 value (state components XSAVE saves); 0 when threads switch with FXSAVE.</summary>
        public static ulong SavedComponents { get; private set; }

        public static bool UsesXsave => SavedComponents != 0;

        /// <summary>True when thread switches keep the upper halves of the YMM registers (AVX is enabled).</summary>
        public static bool AvxStateSaved => (SavedComponents & AvxComponent) != 0;

        /// <summary>Bytes of one thread's save area (allocate AreaAlignment-aligned).</summary>
        public static int AreaSize { get; private set; } = LegacyAreaSize;

        /// <summary>
        /// Sets up this CPU's FPU state saving: the boot CPU chooses the mechanism and logs it; a later CPU applies
        /// the boot CPU's choice and returns false (logged) if it cannot, in which case it must not run threads.
        /// </summary>
        public static bool InitializeThisCpu()
        {
            if (s_decided)
                return ApplyOnAnotherCpu();
            s_decided = true;
            ulong components = ChooseComponents(out bool optimized);
            if (components == 0)
            {
                Log.Info("fpu", $"FXSAVE state switching, {LegacyAreaSize} bytes per thread (no XSAVE)");
                return true;
            }
            Enable(components);
            uint size = CpuIdRegister(XsaveLeaf, 0, 1);
            if (size < LegacyAreaSize + XsaveHeaderSize || size > MaximumAreaSize)
            {
                // XCR0 keeps x87|SSE so nothing can use state no thread would save.
                Enable(X87Component | SseComponent);
                Log.Warn("fpu", $"FXSAVE state switching: CPUID reports an XSAVE area of {size} bytes for XCR0 {components:x}, outside {LegacyAreaSize + XsaveHeaderSize}..{MaximumAreaSize}");
                return true;
            }
            SavedComponents = components;
            AreaSize = (int)size;
            SelectXsaveForContextSwitch(components, optimized ? 1 : 0);
            string instruction = optimized ? "XSAVEOPT" : "XSAVE";
            string avx = (components & AvxComponent) != 0 ? " AVX" : "";
            string avx512 = (components & Avx512Components) != 0 ? " AVX-512" : "";
            Log.Info("fpu", $"{instruction} state switching, XCR0 {components:x} (x87 SSE{avx}{avx512}), {size} bytes per thread");
            return true;
        }

        /// <summary>Makes <paramref name="area"/> (AreaSize bytes, AreaAlignment-aligned) the state of a thread that has not run yet.</summary>
        public static void InitializeArea(byte* area)
        {
            // Also zeroes the XSAVE header: XSTATE_BV 0 makes XRSTOR load every component's initial state, and
            // XCOMP_BV and the reserved bytes must be 0 for the standard form.
            for (int i = 0; i < AreaSize; i++)
                area[i] = 0;
            *(ushort*)area = DefaultFpuControlWord;
            *(uint*)(area + MxcsrOffset) = DefaultMxcsr;
        }

        // The XCR0 components to save, 0 for FXSAVE: x87 and SSE, AVX when offered, AVX-512 when all of it is.
        private static ulong ChooseComponents(out bool optimized)
        {
            optimized = false;
            if (CpuIdRegister(0, 0, 0) < XsaveLeaf || (CpuIdRegister(FeatureLeaf, 0, 2) & XsaveFeatureEcx) == 0)
                return 0;
            ulong supported = CpuIdRegister(XsaveLeaf, 0, 0) | ((ulong)CpuIdRegister(XsaveLeaf, 0, 3) << 32);
            ulong components = X87Component | SseComponent;
            if ((supported & components) != components)
            {
                Log.Warn("fpu", $"XSAVE without x87 and SSE in its supported components {supported:x}: ignored");
                return 0;
            }
            if ((CpuIdRegister(FeatureLeaf, 0, 2) & AvxFeatureEcx) != 0 && (supported & AvxComponent) != 0)
            {
                components |= AvxComponent;
                bool avx512 = (CpuIdRegister(ExtendedFeatureLeaf, 0, 1) & Avx512FoundationEbx) != 0;
                if (avx512 && (supported & Avx512Components) == Avx512Components)
                    components |= Avx512Components;
            }
            optimized = (CpuIdRegister(XsaveLeaf, 1, 0) & XsaveoptEax) != 0;
            return components;
        }

        private static bool ApplyOnAnotherCpu()
        {
            if (SavedComponents == 0)
                return true;
            if ((CpuIdRegister(FeatureLeaf, 0, 2) & XsaveFeatureEcx) == 0)
            {
                Log.Error("fpu", $"this CPU has no XSAVE but the boot CPU switches threads with it");
                return false;
            }
            ulong supported = CpuIdRegister(XsaveLeaf, 0, 0) | ((ulong)CpuIdRegister(XsaveLeaf, 0, 3) << 32);
            if ((supported & SavedComponents) != SavedComponents)
            {
                Log.Error("fpu", $"this CPU supports XCR0 {supported:x}, not the boot CPU's {SavedComponents:x}");
                return false;
            }
            Enable(SavedComponents);
            uint size = CpuIdRegister(XsaveLeaf, 0, 1);
            if (size > (uint)AreaSize)
            {
                Log.Error("fpu", $"this CPU needs {size} bytes per XSAVE area, the boot CPU's areas have {AreaSize}");
                return false;
            }
            return true;
        }

        private static void Enable(ulong components)
        {
            Cpu.WriteCr4(Cpu.ReadCr4() | OsXsaveCr4);
            Cpu.WriteExtendedControlRegister(0, components);
        }

        // One register of CPUID(leaf, subleaf): 0 = EAX, 1 = EBX, 2 = ECX, 3 = EDX.
        private static uint CpuIdRegister(uint leaf, uint subleaf, int index)
        {
            uint* registers = stackalloc uint[4];
            Cpu.CpuId(leaf, subleaf, registers);
            return registers[index];
        }
    }
}
