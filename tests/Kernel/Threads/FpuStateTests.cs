// Kernel tests of per-thread FPU/SSE/AVX state (FpuState, context_switch): the mechanism chosen matches the
// CPU and XCR0; context_switch keeps xmm0-15 and, with AVX, the upper ymm halves of both sides of a
// ping-pong (run through the assembly probe, since compiled C# in between may use any xmm register);
// scheduler threads keep their own upper ymm halves across Yield and start with clean ones; an interrupt
// (FXSAVE only in its stub) leaves the upper halves alone. Under FXSAVE (no AVX) the ymm tests have nothing
// to check and pass; run the kernel tests with -cpu max to exercise them.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class FpuStateTests
    {
        private const int XmmBytes = 16 * 16;
        private const int ProbeBufferBytes = 2 * XmmBytes;
        private const int ProbeRounds = 64;
        private const int YieldRounds = 50;
        private const byte TestVector = 0xE4;
        private const ulong OsXsaveCr4 = 1UL << 18;
        // context_switch pops r15, r14, r13, r12, rbx, rbp, then returns.
        private const int RbxSlot = 4;
        private const int ReturnSlot = 6;

        // Laid out as PROBE_* in tests/Kernel/Threads/vector_register_probe.asm (keep the two in step).
        private struct VectorSwitchProbe
        {
            public ulong MainStackPointer;
            public ulong PartnerStackPointer;
            public byte* MainArea;
            public byte* PartnerArea;
            public ulong Upper;
            public byte* MainValues;
            public byte* MainSeen;
            public byte* PartnerValues;
            public byte* PartnerSeen;
        }

        [RuntimeImport("*", "vector_probe_switch")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ProbeSwitch(VectorSwitchProbe* probe);

        [RuntimeImport("*", "vector_probe_partner_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong ProbePartnerAddress();

        [RuntimeImport("*", "vector_upper_halves_load")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void LoadUpperHalves(byte* values);

        [RuntimeImport("*", "vector_upper_halves_store")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void StoreUpperHalves(byte* values);

        private static readonly bool[] s_keptUpperHalves = new bool[2];
        private static readonly bool[] s_startedClean = new bool[1];

        public static void Register(KernelTestList tests)
        {
            tests.Add("FpuState.MechanismMatchesCpuAndXcr0", &MechanismMatchesCpuAndXcr0);
            tests.Add("FpuState.ContextSwitchKeepsBothSidesVectorRegisters", &ContextSwitchKeepsBothSidesVectorRegisters);
            tests.Add("FpuState.ThreadsKeepTheirOwnUpperYmmHalves", &ThreadsKeepTheirOwnUpperYmmHalves);
            tests.Add("FpuState.NewThreadStartsWithZeroUpperYmmHalves", &NewThreadStartsWithZeroUpperYmmHalves);
            tests.Add("FpuState.InterruptLeavesUpperYmmHalvesAlone", &InterruptLeavesUpperYmmHalvesAlone);
        }

        private static uint CpuIdRegister(uint leaf, uint subleaf, int index)
        {
            uint* registers = stackalloc uint[4];
            Cpu.CpuId(leaf, subleaf, registers);
            return registers[index];
        }

        private static void MechanismMatchesCpuAndXcr0()
        {
            bool cpuHasXsave = CpuIdRegister(0, 0, 0) >= 0xD && (CpuIdRegister(1, 0, 2) & (1u << 26)) != 0;
            bool cpuHasAvx = (CpuIdRegister(1, 0, 2) & (1u << 28)) != 0;
            Expect.True(cpuHasXsave == FpuState.UsesXsave, "XSAVE is used exactly when CPUID offers it");
            if (!FpuState.UsesXsave)
            {
                Expect.Equal(FpuState.LegacyAreaSize, FpuState.AreaSize, "FXSAVE areas are 512 bytes");
                Expect.False(FpuState.AvxStateSaved, "no AVX state without XSAVE");
                return;
            }
            Expect.True((Cpu.ReadCr4() & OsXsaveCr4) != 0, "CR4.OSXSAVE is set");
            Expect.Equal(FpuState.SavedComponents, Cpu.ReadExtendedControlRegister(0), "XCR0 is the saved components");
            Expect.Equal((long)CpuIdRegister(0xD, 0, 1), (long)FpuState.AreaSize, "the area size is CPUID's for this XCR0");
            Expect.True(cpuHasAvx == FpuState.AvxStateSaved, "AVX state is saved exactly when CPUID offers AVX");
        }

        // A distinct, nonzero pattern per side, round and byte, so a value from the wrong side or round shows.
        private static void FillPattern(byte* buffer, int side, int round, int bytes)
        {
            for (int i = 0; i < bytes; i++)
                buffer[i] = (byte)(1 + i + side * 97 + round * 31);
        }

        private static bool MatchesPattern(byte* buffer, int side, int round, int bytes)
        {
            for (int i = 0; i < bytes; i++)
            {
                if (buffer[i] != (byte)(1 + i + side * 97 + round * 31))
                    return false;
            }
            return true;
        }

        private static byte* AllocateAlignedArea(out void* block)
        {
            block = Runtime.KernelHeap.Allocate((nuint)(FpuState.AreaSize + FpuState.AreaAlignment - 1));
            byte* area = (byte*)(((ulong)block + FpuState.AreaAlignment - 1) & ~(ulong)(FpuState.AreaAlignment - 1));
            FpuState.InitializeArea(area);
            return area;
        }

        private static void ContextSwitchKeepsBothSidesVectorRegisters()
        {
            Expect.Equal((long)PagingResult.Success, (long)KernelStacks.Allocator.TryAllocate(Thread.StackPages, out KernelStack stack), "partner stack");
            void* mainBlock;
            void* partnerBlock;
            VectorSwitchProbe probe;
            probe.MainArea = AllocateAlignedArea(out mainBlock);
            probe.PartnerArea = AllocateAlignedArea(out partnerBlock);
            byte* buffers = (byte*)Runtime.KernelHeap.Allocate(4 * ProbeBufferBytes);
            probe.MainValues = buffers;
            probe.MainSeen = buffers + ProbeBufferBytes;
            probe.PartnerValues = buffers + 2 * ProbeBufferBytes;
            probe.PartnerSeen = buffers + 3 * ProbeBufferBytes;
            probe.Upper = FpuState.AvxStateSaved ? 1UL : 0;
            int checkedBytes = FpuState.AvxStateSaved ? ProbeBufferBytes : XmmBytes;
            ulong* frame = (ulong*)(stack.Top.Value - 8 * sizeof(ulong));
            for (int i = 0; i < ReturnSlot; i++)
                frame[i] = 0;
            frame[RbxSlot] = (ulong)&probe;
            frame[ReturnSlot] = ProbePartnerAddress();
            probe.PartnerStackPointer = (ulong)frame;
            probe.MainStackPointer = 0;

            bool mainKept = true;
            bool partnerKept = true;
            bool interrupts = (Cpu.ReadRflags() & (1UL << 9)) != 0;
            // context_switch runs with interrupts off: no handler may run on the partner's stack.
            Cpu.DisableInterrupts();
            for (int round = 0; round < ProbeRounds; round++)
            {
                FillPattern(probe.MainValues, 0, round, ProbeBufferBytes);
                FillPattern(probe.PartnerValues, 1, round, ProbeBufferBytes);
                ProbeSwitch(&probe);
                mainKept &= MatchesPattern(probe.MainSeen, 0, round, checkedBytes);
                // The partner stores, on being switched in again, what it loaded in the previous round.
                if (round > 0)
                    partnerKept &= MatchesPattern(probe.PartnerSeen, 1, round - 1, checkedBytes);
            }
            if (interrupts)
                Cpu.EnableInterrupts();
            // The partner stays suspended inside context_switch for good: its stack and area simply go away.
            Expect.True(KernelStacks.Allocator.Free(stack), "partner stack freed");
            Runtime.KernelHeap.Free(buffers);
            Runtime.KernelHeap.Free(partnerBlock);
            Runtime.KernelHeap.Free(mainBlock);
            Expect.True(mainKept, "the main side's vector registers survived every round trip");
            Expect.True(partnerKept, "the partner's vector registers survived every round trip");
        }

        // Each thread holds its own upper halves across many yields, while the other holds different ones.
        private static void HoldUpperHalves(nint side)
        {
            byte* mine = stackalloc byte[XmmBytes];
            byte* seen = stackalloc byte[XmmBytes];
            FillPattern(mine, (int)side + 2, 0, XmmBytes);
            LoadUpperHalves(mine);
            bool kept = true;
            for (int i = 0; i < YieldRounds; i++)
            {
                Scheduler.Yield();
                StoreUpperHalves(seen);
                kept &= MatchesPattern(seen, (int)side + 2, 0, XmmBytes);
            }
            s_keptUpperHalves[side] = kept;
        }

        private static void Join(Thread thread)
        {
            while (thread.State != ThreadState.Dead)
                Scheduler.Yield();
        }

        private static void ThreadsKeepTheirOwnUpperYmmHalves()
        {
            if (!FpuState.AvxStateSaved)
                return;
            s_keptUpperHalves[0] = false;
            s_keptUpperHalves[1] = false;
            Thread first = Scheduler.Create(&HoldUpperHalves, 0, Scheduler.DefaultPriority, cpu: 0);
            Thread second = Scheduler.Create(&HoldUpperHalves, 1, Scheduler.DefaultPriority, cpu: 0);
            Expect.NotNull(first, "first thread");
            Expect.NotNull(second, "second thread");
            Join(first);
            Join(second);
            Expect.True(s_keptUpperHalves[0], "the first thread kept its upper ymm halves across yields");
            Expect.True(s_keptUpperHalves[1], "the second thread kept its upper ymm halves across yields");
        }

        private static void RecordCleanUpperHalves(nint unused)
        {
            byte* seen = stackalloc byte[XmmBytes];
            StoreUpperHalves(seen);
            bool clean = true;
            for (int i = 0; i < XmmBytes; i++)
                clean &= seen[i] == 0;
            s_startedClean[0] = clean;
        }

        private static void NewThreadStartsWithZeroUpperYmmHalves()
        {
            if (!FpuState.AvxStateSaved)
                return;
            byte* dirty = stackalloc byte[XmmBytes];
            FillPattern(dirty, 4, 0, XmmBytes);
            LoadUpperHalves(dirty);
            s_startedClean[0] = false;
            Thread thread = Scheduler.Create(&RecordCleanUpperHalves, 0, Scheduler.DefaultPriority, cpu: 0);
            Expect.NotNull(thread, "thread created");
            Join(thread);
            Expect.True(s_startedClean[0], "a new thread does not see the creator's upper ymm halves");
        }

        // Compiled C# that uses SSE registers, so the handler path clobbers xmm lower halves for certain.
        private static void ScribbleOnSse(ref InterruptFrame frame)
        {
            double* values = stackalloc double[4];
            for (int i = 0; i < 4; i++)
                values[i] = (double)frame.Vector * 1.5 + i;
            s_handlerSum = values[0] + values[3];
        }

        private static double s_handlerSum;

        private static void InterruptLeavesUpperYmmHalvesAlone()
        {
            if (!FpuState.AvxStateSaved)
                return;
            s_handlerSum = 0;
            Expect.True(InterruptVectors.Register(TestVector, &ScribbleOnSse), "vector registered");
            byte* mine = stackalloc byte[XmmBytes];
            byte* seen = stackalloc byte[XmmBytes];
            FillPattern(mine, 5, 0, XmmBytes);
            LoadUpperHalves(mine);
            bool raised = InterruptVectors.Raise(TestVector);
            StoreUpperHalves(seen);
            InterruptVectors.Unregister(TestVector);
            Expect.True(raised, "interrupt raised");
            Expect.True(s_handlerSum > 0, "the handler ran");
            Expect.True(MatchesPattern(seen, 5, 0, XmmBytes), "upper ymm halves survived an interrupt whose stub only uses FXSAVE");
        }
    }
}
