// Tests of the DW_CFA interpreter: the rows ilc's prologues produce, the other supported opcodes, and
// refusal of what it cannot follow.
using System;
using MinimalOS.Kernel.Diagnostics;
using Xunit;
using static MinimalOS.Tests.Host.Diagnostics.EhFrameBuilder;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class CallFrameInstructionsTests
    {
        private const ulong SectionAddress = 0x8000;
        private const ulong Code = 0x1000;

        private static bool Row(byte[] fdeInstructions, ulong pc, out CfiRow row, byte[] initial = null, ulong returnAddressRegister = 16)
        {
            var b = new EhFrameBuilder(SectionAddress);
            int cie = b.AddCie(initial ?? X64InitialInstructions, returnAddressRegister: returnAddressRegister);
            b.AddFde(cie, Code, 0x100, fdeInstructions);
            var section = new EhFrameSection(b.Build(), SectionAddress);
            Assert.True(section.TryFindFrame(pc, out FrameDescription frame));
            return CallFrameInstructions.TryComputeRow(in frame, pc, out row);
        }

        // What ilc emits for "push rbp; push r15; push rbx; sub rsp,0x28; lea rbp,[rsp+0x40]" (a method with stackalloc).
        private static readonly byte[] IlcPrologue =
        {
            AdvanceLoc | 1, DefCfaOffset, 16, Offset | 6, 2,
            AdvanceLoc | 2, DefCfaOffset, 24, Offset | 15, 3,
            AdvanceLoc | 1, DefCfaOffset, 32, Offset | 3, 4,
            AdvanceLoc | 4, DefCfaOffset, 72,
            AdvanceLoc | 5, DefCfaRegister, 6, DefCfaOffset, 16,
        };

        [Fact]
        public void AtEntryTheCfaIsTheStackPointerPlusEight()
        {
            Assert.True(Row(IlcPrologue, Code, out CfiRow row));
            Assert.Equal(CfiRow.Rsp, row.CfaRegister);
            Assert.Equal(8, row.CfaOffset);
            Assert.Equal(RegisterRuleKind.SavedAtCfaOffset, row.ReturnAddressRule.Kind);
            Assert.Equal(-8, row.ReturnAddressRule.Offset);
            Assert.Equal(RegisterRuleKind.SameValue, row.RbpRule.Kind);
        }

        [Fact]
        public void FollowsThePrologueInstructionByInstruction()
        {
            Assert.True(Row(IlcPrologue, Code + 1, out CfiRow afterPushRbp));
            Assert.Equal(16, afterPushRbp.CfaOffset);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -16), afterPushRbp.RbpRule);
            Assert.Equal(RegisterRuleKind.SameValue, afterPushRbp.R15Rule.Kind);

            Assert.True(Row(IlcPrologue, Code + 2, out CfiRow insidePushR15));
            Assert.Equal(16, insidePushR15.CfaOffset);

            Assert.True(Row(IlcPrologue, Code + 4, out CfiRow afterPushRbx));
            Assert.Equal(32, afterPushRbx.CfaOffset);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -24), afterPushRbx.R15Rule);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -32), afterPushRbx.RbxRule);

            Assert.True(Row(IlcPrologue, Code + 8, out CfiRow afterSub));
            Assert.Equal(CfiRow.Rsp, afterSub.CfaRegister);
            Assert.Equal(72, afterSub.CfaOffset);
        }

        [Fact]
        public void SwitchesToTheFramePointerWhenTheBodyMovesRsp()
        {
            Assert.True(Row(IlcPrologue, Code + 13, out CfiRow body));
            Assert.Equal(CfiRow.Rbp, body.CfaRegister);
            Assert.Equal(16, body.CfaOffset);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -16), body.RbpRule);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -8), body.ReturnAddressRule);
            Assert.True(Row(IlcPrologue, Code + 0xFF, out CfiRow end));
            Assert.Equal(CfiRow.Rbp, end.CfaRegister);
        }

        [Fact]
        public void LongAdvancesUseTheirOperandSizes()
        {
            byte[] code =
            {
                AdvanceLoc1, 0x40, DefCfaOffset, 16,
                AdvanceLoc2, 0x40, 0x00, DefCfaOffset, 24,
                AdvanceLoc4, 0x40, 0x00, 0x00, 0x00, DefCfaOffset, 32,
            };
            Assert.True(Row(code, Code + 0x3F, out CfiRow row));
            Assert.Equal(8, row.CfaOffset);
            Assert.True(Row(code, Code + 0x40, out row));
            Assert.Equal(16, row.CfaOffset);
            Assert.True(Row(code, Code + 0x80, out row));
            Assert.Equal(24, row.CfaOffset);
            Assert.True(Row(code, Code + 0xC0, out row));
            Assert.Equal(32, row.CfaOffset);
        }

        [Fact]
        public void RemembersAndRestoresRowsAroundAnEpilogue()
        {
            byte[] code =
            {
                AdvanceLoc | 1, DefCfaOffset, 16, Offset | 6, 2,
                AdvanceLoc | 4, RememberState, DefCfaOffset, 8, Restore | 6,
                AdvanceLoc | 1, RestoreState,
            };
            Assert.True(Row(code, Code + 5, out CfiRow epilogue));
            Assert.Equal(8, epilogue.CfaOffset);
            Assert.Equal(RegisterRuleKind.SameValue, epilogue.RbpRule.Kind);
            Assert.True(Row(code, Code + 6, out CfiRow after));
            Assert.Equal(16, after.CfaOffset);
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, -16), after.RbpRule);
        }

        [Fact]
        public void HandlesTheOtherRegisterRules()
        {
            byte[] code =
            {
                OffsetExtendedSigned, 12, 0x7D,  // r12 at CFA + (-3 * -8) = CFA + 24
                ValOffset, 13, 2,                // r13 = CFA - 16
                Undefined, 14,
                SameValue, 3,
                GnuArgsSize, 0x10,
                Expression, 0, 2, 0x11, 0x22,    // an expression for rax, which is not tracked
                Register, 1, 2,                  // rdx in rcx, not tracked
            };
            Assert.True(Row(code, Code, out CfiRow row));
            Assert.Equal(new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, 24), row.R12Rule);
            Assert.Equal(new RegisterRule(RegisterRuleKind.ValueIsCfaOffset, -16), row.R13Rule);
            Assert.Equal(RegisterRuleKind.Undefined, row.R14Rule.Kind);
            Assert.Equal(RegisterRuleKind.SameValue, row.RbxRule.Kind);
        }

        [Theory]
        [InlineData(new byte[] { DefCfaExpression, 1, 0x77 })]
        [InlineData(new byte[] { Expression, 6, 1, 0x77 })]
        [InlineData(new byte[] { Register, 6, 0 })]
        [InlineData(new byte[] { SetLoc, 0, 0, 0, 0, 0, 0, 0, 0 })]
        [InlineData(new byte[] { 0x3F })]
        [InlineData(new byte[] { RestoreState })]
        [InlineData(new byte[] { RememberState, RememberState, RememberState, RememberState, RememberState })]
        public void RefusesWhatItCannotFollow(byte[] code) => Assert.False(Row(code, Code + 1, out _));

        // Built directly: in a section, entries are padded with DW_CFA_nop, which would complete the operands.
        [Theory]
        [InlineData(new byte[] { DefCfa, 7 })]
        [InlineData(new byte[] { Offset | 6, 0x80 })]
        [InlineData(new byte[] { AdvanceLoc4, 1, 0 })]
        public void RefusesInstructionsCutShort(byte[] code)
        {
            var frame = new FrameDescription(Code, Code + 0x10, 1, -8, 16, X64InitialInstructions, code);
            Assert.False(CallFrameInstructions.TryComputeRow(in frame, Code + 1, out _));
        }

        [Fact]
        public void RefusesAFrameThatNeverDefinesTheCfa() =>
            Assert.False(Row(Array.Empty<byte>(), Code, out _, initial: new byte[] { Offset | 16, 1 }));

        [Fact]
        public void RefusesAnUnexpectedReturnAddressColumn() =>
            Assert.False(Row(Array.Empty<byte>(), Code, out _, returnAddressRegister: 30));

        [Fact]
        public void RefusesAPcOutsideTheFrame()
        {
            var frame = new FrameDescription(Code, Code + 0x10, 1, -8, 16, X64InitialInstructions, default);
            Assert.False(CallFrameInstructions.TryComputeRow(in frame, Code + 0x10, out _));
            Assert.True(CallFrameInstructions.TryComputeRow(in frame, Code + 0xF, out _));
        }
    }
}
