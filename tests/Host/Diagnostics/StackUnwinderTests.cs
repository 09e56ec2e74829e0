// Tests of the CFI stack unwinder over synthetic stacks in host memory: a full chain through every kind
// of ilc frame and an assembly frame, register recovery, and early, safe ends on corrupt stacks.
using System;
using MinimalOS.Kernel.Diagnostics;
using Xunit;
using static MinimalOS.Tests.Host.Diagnostics.EhFrameBuilder;

namespace MinimalOS.Tests.Host.Diagnostics
{
    // A synthetic call chain in host memory, built the way the machine code would build it, with the CFI
    // ilc emits for each kind of method:
    //   asm (no CFI, 0x5000) -> Outer (rbp saved, rsp-based CFA, 0x1000) -> WithStackalloc (rbp-based CFA,
    //   0x1100) -> Frameless (no rbp at all, 0x1200) -> Top (0x1300, stopped at 0x1340 by a trap)
    public class StackUnwinderTests
    {
        private const ulong SectionAddress = 0x8000;
        private const ulong StackBottom = 0x7000_0000;
        private const int StackSize = 0x400;
        private const ulong StackTop = StackBottom + StackSize;
        private static readonly AddressRange Code = new AddressRange(0x1000, 0x6000);

        private const ulong AsmReturn = 0x5005;
        private const ulong OuterReturn = 0x1045;
        private const ulong StackallocReturn = 0x1155;
        private const ulong FramelessReturn = 0x1215;
        private const ulong TrapPc = 0x1340;
        private const ulong CallerRbx = 0xB0B0;
        private const ulong CallerR12 = 0x1212;

        private static byte[] UnwindInfo()
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(X64InitialInstructions);
            // push rbp; mov rbp,rsp (not described, like ilc); sub rsp,0x10
            b.AddFde(cie, 0x1000, 0x100, AdvanceLoc | 1, DefCfaOffset, 16, Offset | 6, 2, AdvanceLoc | 7, DefCfaOffset, 32);
            // push rbp; push rbx; lea rbp,[rsp+8]; then stackalloc moves rsp
            b.AddFde(cie, 0x1100, 0x100, AdvanceLoc | 1, DefCfaOffset, 16, Offset | 6, 2, AdvanceLoc | 1, DefCfaOffset, 24,
                Offset | 3, 3, AdvanceLoc | 5, DefCfaRegister, 6, DefCfaOffset, 16);
            // push rax
            b.AddFde(cie, 0x1200, 0x100, AdvanceLoc | 1, DefCfaOffset, 16);
            // push rbp; push r12; sub rsp,8
            b.AddFde(cie, 0x1300, 0x100, AdvanceLoc | 1, DefCfaOffset, 16, Offset | 6, 2, AdvanceLoc | 2, DefCfaOffset, 24,
                Offset | 12, 3, AdvanceLoc | 4, DefCfaOffset, 32);
            return b.Build();
        }

        // The stack as the chain above leaves it (T = top), and the registers at the trap.
        private static byte[] ChainStack(out UnwindRegisters trap)
        {
            var stack = new byte[StackSize];
            void Put(int belowTop, ulong value) => BitConverter.TryWriteBytes(stack.AsSpan(StackSize - belowTop), value);
            Put(8, AsmReturn);            // asm calls Outer
            Put(16, 0);                   // Outer: push rbp (the asm's rbp, 0)
            Put(40, OuterReturn);         // Outer (rbp = T-16, rsp = T-32) calls WithStackalloc
            Put(48, StackTop - 16);       // WithStackalloc: push rbp
            Put(56, CallerRbx);           //                 push rbx; rbp = T-48, then rsp = T-120
            Put(128, StackallocReturn);   // calls Frameless
            Put(136, 0x4141414141414141); // Frameless: push rax (junk)
            Put(144, FramelessReturn);    // calls Top
            Put(152, StackTop - 48);      // Top: push rbp
            Put(160, CallerR12);          //      push r12; sub rsp,8 -> rsp = T-168
            trap = new UnwindRegisters { Rip = TrapPc, Rsp = StackTop - 168, Rbp = 0xDEAD, Rbx = 0xB1B1, R12 = 0x5555 };
            return stack;
        }

        private static ulong[] Walk(byte[] stack, UnwindRegisters start, bool ripIsReturnAddress, int capacity = 16)
        {
            var frames = new ulong[capacity];
            var section = new EhFrameSection(UnwindInfo(), SectionAddress);
            var memory = new StackMemory(stack, StackBottom);
            int count = StackUnwinder.Walk(start, ripIsReturnAddress, in section, in memory, Code, frames);
            return frames.AsSpan(0, count).ToArray();
        }

        [Fact]
        public void WalksEveryKindOfFrameIncludingFramelessOnes()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            Assert.Equal(new[] { TrapPc, FramelessReturn, StackallocReturn, OuterReturn, AsmReturn }, Walk(stack, trap, false));
        }

        [Fact]
        public void RestoresCalleeSavedRegistersFrameByFrame()
        {
            byte[] stack = ChainStack(out UnwindRegisters registers);
            var section = new EhFrameSection(UnwindInfo(), SectionAddress);
            var memory = new StackMemory(stack, StackBottom);

            Assert.True(StackUnwinder.TryStep(ref registers, false, in section, in memory, Code));
            Assert.Equal(FramelessReturn, registers.Rip);
            Assert.Equal(StackTop - 136, registers.Rsp);
            Assert.Equal(StackTop - 48, registers.Rbp);
            Assert.Equal(CallerR12, registers.R12);
            Assert.Equal(0xB1B1UL, registers.Rbx);

            Assert.True(StackUnwinder.TryStep(ref registers, true, in section, in memory, Code));
            Assert.Equal(StackallocReturn, registers.Rip);
            Assert.Equal(StackTop - 120, registers.Rsp);

            Assert.True(StackUnwinder.TryStep(ref registers, true, in section, in memory, Code));
            Assert.Equal(OuterReturn, registers.Rip);
            Assert.Equal(StackTop - 32, registers.Rsp);
            Assert.Equal(StackTop - 16, registers.Rbp);
            Assert.Equal(CallerRbx, registers.Rbx);

            Assert.True(StackUnwinder.TryStep(ref registers, true, in section, in memory, Code));
            Assert.Equal(AsmReturn, registers.Rip);
            Assert.Equal(StackTop, registers.Rsp);
            Assert.Equal(0UL, registers.Rbp);

            // The assembly caller has no CFI and a zero frame pointer: the walk ends here.
            Assert.False(StackUnwinder.TryStep(ref registers, true, in section, in memory, Code));
            Assert.Equal(AsmReturn, registers.Rip);
        }

        [Fact]
        public void StartingFromAReturnAddressUsesTheCallsRules()
        {
            // A return address at the very end of a function belongs to the call before it.
            byte[] stack = ChainStack(out _);
            var section = new EhFrameSection(UnwindInfo(), SectionAddress);
            var memory = new StackMemory(stack, StackBottom);
            var registers = new UnwindRegisters { Rip = 0x1300, Rsp = StackTop - 136, Rbp = StackTop - 48 };
            Assert.True(StackUnwinder.TryStep(ref registers, true, in section, in memory, Code));
            Assert.Equal(StackallocReturn, registers.Rip);
            registers = new UnwindRegisters { Rip = 0x1300, Rsp = StackTop - 136, Rbp = StackTop - 48 };
            Assert.False(StackUnwinder.TryStep(ref registers, false, in section, in memory, Code));
        }

        [Fact]
        public void StepsThroughAssemblyByItsFramePointer()
        {
            var stack = new byte[StackSize];
            void Put(int belowTop, ulong value) => BitConverter.TryWriteBytes(stack.AsSpan(StackSize - belowTop), value);
            Put(8, 0x1010);              // an asm routine with an rbp frame, called from 0x1010
            Put(16, 0);                  // the caller's rbp
            var registers = new UnwindRegisters { Rip = 0x5100, Rsp = StackTop - 48, Rbp = StackTop - 16 };
            Assert.Equal(new ulong[] { 0x5100, 0x1010 }, Walk(stack, registers, false));
        }

        [Fact]
        public void StopsAtAReturnAddressOutsideTheCode()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            BitConverter.TryWriteBytes(stack.AsSpan(StackSize - 128), 0xFFFF_0000UL);
            Assert.Equal(new[] { TrapPc, FramelessReturn }, Walk(stack, trap, false));
        }

        [Fact]
        public void StopsWhenTheStackPointerWouldNotRise()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            // WithStackalloc's CFA comes from its saved rbp; point that below the current stack pointer.
            BitConverter.TryWriteBytes(stack.AsSpan(StackSize - 152), StackTop - 400);
            Assert.Equal(new[] { TrapPc, FramelessReturn, StackallocReturn }, Walk(stack, trap, false));
        }

        [Fact]
        public void StopsWhenAFrameLeavesTheStack()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            BitConverter.TryWriteBytes(stack.AsSpan(StackSize - 152), StackTop + 0x1000);
            Assert.Equal(new[] { TrapPc, FramelessReturn, StackallocReturn }, Walk(stack, trap, false));
        }

        [Fact]
        public void EndsACyclicFramePointerChain()
        {
            var stack = new byte[StackSize];
            ulong frame = StackTop - 64;
            BitConverter.TryWriteBytes(stack.AsSpan(StackSize - 64), frame);        // [rbp] = rbp
            BitConverter.TryWriteBytes(stack.AsSpan(StackSize - 56), 0x5010UL);     // [rbp + 8] = asm code
            var registers = new UnwindRegisters { Rip = 0x5100, Rsp = StackTop - 80, Rbp = frame };
            Assert.Equal(new ulong[] { 0x5100, 0x5010 }, Walk(stack, registers, false));
        }

        [Fact]
        public void StopsWhenTheFramesBufferIsFull()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            Assert.Equal(new[] { TrapPc, FramelessReturn }, Walk(stack, trap, false, capacity: 2));
            Assert.Empty(Walk(stack, trap, false, capacity: 0));
        }

        [Fact]
        public void ReadsNothingFromAnEmptyStackWindow()
        {
            ChainStack(out UnwindRegisters trap);
            Assert.Equal(new[] { TrapPc }, Walk(Array.Empty<byte>(), trap, false));
        }

        [Fact]
        public void StartingOutsideTheCodeRecordsNothing()
        {
            byte[] stack = ChainStack(out UnwindRegisters trap);
            trap.Rip = 0x10;
            Assert.Empty(Walk(stack, trap, false));
        }

        [Fact]
        public void SurvivesGarbageStacks()
        {
            var random = new Random(1234);
            for (int round = 0; round < 2000; round++)
            {
                var stack = new byte[StackSize];
                for (int i = 0; i < StackSize; i += 8)
                {
                    // Mix plausible values (code, stack addresses) with noise so that walks go somewhere.
                    ulong value = (random.Next(4)) switch
                    {
                        0 => 0x1000 + (ulong)random.Next(0x5000),
                        1 => StackBottom + (ulong)random.Next(StackSize + 64),
                        2 => (ulong)random.NextInt64(),
                        _ => 0,
                    };
                    BitConverter.TryWriteBytes(stack.AsSpan(i), value);
                }
                var start = new UnwindRegisters
                {
                    Rip = 0x1000 + (ulong)random.Next(0x5000),
                    Rsp = StackBottom + (ulong)random.Next(StackSize + 16),
                    Rbp = StackBottom + (ulong)random.Next(StackSize + 16),
                };
                ulong[] frames = Walk(stack, start, random.Next(2) == 0, capacity: 64);
                Assert.True(frames.Length < 64, "a walk must end before its buffer on a bounded stack");
            }
        }
    }
}
