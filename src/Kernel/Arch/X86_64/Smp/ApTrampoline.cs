// The AP start-up code installed in its low page (chosen by TrampolinePlacement): copies the blob from
// Native/smp_trampoline.asm into the page, relocates its two position-dependent fields, and builds the
// temporary page-table root it switches to long mode with: a PML4 below 4 GiB (the real-mode code loads
// CR3 with a 32-bit mov) whose entry 0 identity-maps only the trampoline page and whose entries 256-511 are
// the kernel's (all kernel-half PDPTs are preallocated, so sharing the PML4 entries shares every kernel
// mapping). The CR0/CR4/EFER the AP takes are the boot CPU's own, so C# code on every CPU sees the same
// features (SSE, WP, SMEP/SMAP, NXE). Runs on the boot CPU only, serialised by bring-up; the page stays
// reserved forever (the frame allocator never hands out memory below 1 MiB), so a late AP always finds a
// "nobody expected" trampoline and halts.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal sealed unsafe class ApTrampoline
    {
        public const uint NoApicId = 0xFFFF_FFFF;

        private const ulong Present = 1UL << 0;
        private const ulong Writable = 1UL << 1;
        private const int TableEntries = 512;
        private const int FirstKernelEntry = 256;
        private const ulong EferLongModeEnable = 1UL << 8;
        private const ulong EferLongModeActive = 1UL << 10;

        private readonly ApTrampolineData* _data;
        private readonly PhysicalAddress _temporaryRoot;
        private readonly PhysicalAddress _pdpt;
        private readonly PhysicalAddress _pd;
        private readonly PhysicalAddress _pt;

        private ApTrampoline(PhysicalAddress page, ApTrampolineData* data, PhysicalAddress root, PhysicalAddress pdpt, PhysicalAddress pd, PhysicalAddress pt)
        {
            Page = page;
            _data = data;
            _temporaryRoot = root;
            _pdpt = pdpt;
            _pd = pd;
            _pt = pt;
        }

        /// <summary>The physical page the code runs from.</summary>
        public PhysicalAddress Page { get; }

        /// <summary>The start-up IPI's vector: the page number.</summary>
        public byte StartupVector => (byte)(Page.Value >> 12);

        /// <summary>Whether the AP prepared last has started running the code.</summary>
        public bool Arrived => Volatile32(&_data->Arrived) != 0;

        /// <summary>Installs the code in <paramref name="page"/>; null (logged) when the page or page tables cannot be had.</summary>
        public static ApTrampoline TryInstall(PhysicalAddress page)
        {
            ulong length = TrampolineBlob.Length;
            if (length > PageSize.Small || TrampolineBlob.DataOffset + (ulong)sizeof(ApTrampolineData) > length)
            {
                Log.Error("smp", $"the AP start-up code ({length} bytes) does not fit one page with its data block");
                return null;
            }
            if (!KernelAddressSpace.TryGetDirectPointer(page, PageSize.Small, out byte* target))
            {
                Log.Error("smp", $"the AP start-up page 0x{page.Value:x} is not in the direct map");
                return null;
            }
            FrameAllocator frames = PhysicalMemory.Frames;
            if (frames is null || !frames.TryAllocateContiguous(1, PageSize.Small, below4GiB: true, out PhysicalAddress root))
            {
                Log.Error("smp", $"no frame below 4 GiB for the APs' temporary page-table root");
                return null;
            }
            PhysicalAddress pdpt = default, pd = default, pt = default;
            if (!frames.TryAllocateZeroed(out pdpt) || !frames.TryAllocateZeroed(out pd) || !frames.TryAllocateZeroed(out pt))
            {
                Log.Error("smp", $"no frames for the APs' temporary page tables");
                FreeAllocated(frames, root, pdpt, pd, pt);
                return null;
            }
            byte* source = TrampolineBlob.Start;
            for (ulong i = 0; i < length; i++)
                target[i] = source[i];
            var data = (ApTrampolineData*)(target + TrampolineBlob.DataOffset);
            data->GdtBase += (uint)page.Value;
            data->JumpOffset += (uint)page.Value;
            data->ExpectedApicId = NoApicId;
            BuildTemporaryTables(page, root, pdpt, pd, pt);
            data->TemporaryRoot = (uint)root.Value;
            data->Cr0 = Cpu.ReadCr0();
            data->Cr4 = Cpu.ReadCr4();
            data->Efer = (Cpu.ReadMsr(PagingProtections.EferMsr) & ~EferLongModeActive) | EferLongModeEnable;
            data->KernelRoot = Cpu.ReadCr3();
            return new ApTrampoline(page, data, root, pdpt, pd, pt);
        }

        /// <summary>Lets the AP with initial APIC id <paramref name="apicId"/> (and no other) run as CPU <paramref name="cpuIndex"/> on the stack ending at <paramref name="stackTop"/>.</summary>
        public void Prepare(uint apicId, int cpuIndex, VirtualAddress stackTop)
        {
            _data->ExpectedApicId = NoApicId;
            _data->StackTop = stackTop.Value;
            _data->CpuIndex = (ulong)cpuIndex;
            _data->Arrived = 0;
            _data->ExpectedApicId = apicId;
        }

        /// <summary>From now on every AP that runs the code halts in real mode.</summary>
        public void Close() => _data->ExpectedApicId = NoApicId;

        /// <summary>Returns the temporary page tables; only when no AP can still be on its way through them.</summary>
        public void ReleaseTables() => FreeAllocated(KernelAddressSpace.Frames, _temporaryRoot, _pdpt, _pd, _pt);

        // Zero addresses were never allocated (frame 0 is always reserved).
        private static void FreeAllocated(IFrameAllocator frames, PhysicalAddress root, PhysicalAddress pdpt, PhysicalAddress pd, PhysicalAddress pt)
        {
            if (pt.Value != 0)
                frames.Free(pt);
            if (pd.Value != 0)
                frames.Free(pd);
            if (pdpt.Value != 0)
                frames.Free(pdpt);
            frames.Free(root);
        }

        private static void BuildTemporaryTables(PhysicalAddress page, PhysicalAddress root, PhysicalAddress pdpt, PhysicalAddress pd, PhysicalAddress pt)
        {
            DirectMap map = KernelAddressSpace.DirectMap;
            ulong* rootEntries = (ulong*)map.ToPointer(root);
            ulong* kernelEntries = (ulong*)map.ToPointer(KernelAddressSpace.Space.Root);
            for (int i = 0; i < FirstKernelEntry; i++)
                rootEntries[i] = 0;
            for (int i = FirstKernelEntry; i < TableEntries; i++)
                rootEntries[i] = kernelEntries[i];
            // The page is below 1 MiB, so it sits under entry 0 of the PML4, PDPT and PD.
            rootEntries[0] = pdpt.Value | Present | Writable;
            ((ulong*)map.ToPointer(pdpt))[0] = pd.Value | Present | Writable;
            ((ulong*)map.ToPointer(pd))[0] = pt.Value | Present | Writable;
            ((ulong*)map.ToPointer(pt))[page.Value >> 12] = page.Value | Present | Writable;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static uint Volatile32(uint* location) => *location;
    }
}
