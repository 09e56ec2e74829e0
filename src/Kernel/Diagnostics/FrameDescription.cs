// One function's call-frame information as found in .eh_frame: its code range, the CIE's alignment
// factors and return-address column, and the two instruction streams (the CIE's initial rules, then the
// FDE's) that CallFrameInstructions runs to learn where the function keeps its caller's registers.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public readonly ref struct FrameDescription
    {
        public FrameDescription(ulong pcBegin, ulong pcEnd, ulong codeAlignment, long dataAlignment,
            ulong returnAddressRegister, ReadOnlySpan<byte> initialInstructions, ReadOnlySpan<byte> instructions)
        {
            PcBegin = pcBegin;
            PcEnd = pcEnd;
            CodeAlignment = codeAlignment;
            DataAlignment = dataAlignment;
            ReturnAddressRegister = returnAddressRegister;
            InitialInstructions = initialInstructions;
            Instructions = instructions;
        }

        public ulong PcBegin { get; }

        /// <summary>First address after the function.</summary>
        public ulong PcEnd { get; }

        public ulong CodeAlignment { get; }

        public long DataAlignment { get; }

        public ulong ReturnAddressRegister { get; }

        public ReadOnlySpan<byte> InitialInstructions { get; }

        public ReadOnlySpan<byte> Instructions { get; }
    }
}
