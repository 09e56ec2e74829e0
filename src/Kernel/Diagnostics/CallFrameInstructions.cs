// Runs DWARF call-frame instructions (DW_CFA_*) up to a code address to produce that address's CfiRow.
// ilc emits advance_loc, def_cfa, def_cfa_offset, def_cfa_register, offset and nop; the rest of the
// register-and-offset subset GCC and LLVM use is handled too. Expression-based rules and set_loc are not:
// a frame that needs them is reported as not unwindable rather than guessed at.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public static class CallFrameInstructions
    {
        private const int MaxRememberedRows = 4;

        private const byte Nop = 0x00;
        private const byte AdvanceLoc1 = 0x02;
        private const byte AdvanceLoc2 = 0x03;
        private const byte AdvanceLoc4 = 0x04;
        private const byte OffsetExtended = 0x05;
        private const byte RestoreExtended = 0x06;
        private const byte Undefined = 0x07;
        private const byte SameValue = 0x08;
        private const byte Register = 0x09;
        private const byte RememberState = 0x0A;
        private const byte RestoreState = 0x0B;
        private const byte DefCfa = 0x0C;
        private const byte DefCfaRegister = 0x0D;
        private const byte DefCfaOffset = 0x0E;
        private const byte Expression = 0x10;
        private const byte OffsetExtendedSigned = 0x11;
        private const byte DefCfaSigned = 0x12;
        private const byte DefCfaOffsetSigned = 0x13;
        private const byte ValOffset = 0x14;
        private const byte ValOffsetSigned = 0x15;
        private const byte ValExpression = 0x16;
        private const byte GnuArgsSize = 0x2E;
        private const byte GnuNegativeOffsetExtended = 0x2F;

        // The top two bits select the three compact opcodes; their operand is in the low six bits.
        private const int CompactAdvanceLoc = 1;
        private const int CompactOffset = 2;
        private const int CompactRestore = 3;

        /// <summary>
        /// The row in effect at <paramref name="pc"/>; false when the instructions are malformed, use an
        /// unsupported rule for a tracked register, or never define the CFA.
        /// </summary>
        public static bool TryComputeRow(in FrameDescription frame, ulong pc, out CfiRow row)
        {
            row = CfiRow.BeforeInstructions;
            if (frame.ReturnAddressRegister != CfiRow.ReturnAddress || pc < frame.PcBegin || pc >= frame.PcEnd)
                return false;
            CfiRow before = row;
            if (!TryExecute(frame.InitialInstructions, in frame, pc, ref row, in before))
                return false;
            CfiRow initial = row;
            if (!TryExecute(frame.Instructions, in frame, pc, ref row, in initial))
                return false;
            return row.CfaRegister != CfiRow.NoCfaRegister;
        }

        private static bool TryExecute(ReadOnlySpan<byte> code, in FrameDescription frame, ulong pc, ref CfiRow row,
            in CfiRow initial)
        {
            Span<CfiRow> remembered = stackalloc CfiRow[MaxRememberedRows];
            int rememberedCount = 0;
            ulong location = frame.PcBegin;
            long dataAlignment = frame.DataAlignment;
            var reader = new ByteReader(code, 0);
            while (reader.Position < code.Length)
            {
                byte opcode = reader.ReadByte();
                ulong advance = 0;
                ulong register;
                switch (opcode >> 6)
                {
                    case CompactAdvanceLoc:
                        advance = (ulong)(opcode & 0x3F);
                        break;
                    case CompactOffset:
                        row.SetRule((ulong)(opcode & 0x3F), Saved((long)reader.ReadUnsignedLeb128() * dataAlignment));
                        break;
                    case CompactRestore:
                        row.SetRule((ulong)(opcode & 0x3F), initial.Rule((ulong)(opcode & 0x3F)));
                        break;
                    default:
                        switch (opcode)
                        {
                            case Nop:
                                break;
                            case AdvanceLoc1:
                                advance = reader.ReadByte();
                                break;
                            case AdvanceLoc2:
                                advance = reader.ReadUInt16();
                                break;
                            case AdvanceLoc4:
                                advance = reader.ReadUInt32();
                                break;
                            case OffsetExtended:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, Saved((long)reader.ReadUnsignedLeb128() * dataAlignment));
                                break;
                            case OffsetExtendedSigned:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, Saved(reader.ReadSignedLeb128() * dataAlignment));
                                break;
                            case GnuNegativeOffsetExtended:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, Saved(-(long)reader.ReadUnsignedLeb128() * dataAlignment));
                                break;
                            case ValOffset:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, new RegisterRule(RegisterRuleKind.ValueIsCfaOffset,
                                    (long)reader.ReadUnsignedLeb128() * dataAlignment));
                                break;
                            case ValOffsetSigned:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, new RegisterRule(RegisterRuleKind.ValueIsCfaOffset,
                                    reader.ReadSignedLeb128() * dataAlignment));
                                break;
                            case RestoreExtended:
                                register = reader.ReadUnsignedLeb128();
                                row.SetRule(register, initial.Rule(register));
                                break;
                            case Undefined:
                                row.SetRule(reader.ReadUnsignedLeb128(), new RegisterRule(RegisterRuleKind.Undefined, 0));
                                break;
                            case SameValue:
                                row.SetRule(reader.ReadUnsignedLeb128(), new RegisterRule(RegisterRuleKind.SameValue, 0));
                                break;
                            case Register:
                                register = reader.ReadUnsignedLeb128();
                                reader.ReadUnsignedLeb128();
                                if (CfiRow.IsTracked(register))
                                    return false;
                                break;
                            case Expression:
                            case ValExpression:
                                register = reader.ReadUnsignedLeb128();
                                reader.Skip(reader.ReadUnsignedLeb128());
                                if (CfiRow.IsTracked(register))
                                    return false;
                                break;
                            case RememberState:
                                if (rememberedCount == MaxRememberedRows)
                                    return false;
                                remembered[rememberedCount++] = row;
                                break;
                            case RestoreState:
                                if (rememberedCount == 0)
                                    return false;
                                row = remembered[--rememberedCount];
                                break;
                            case DefCfa:
                                row.CfaRegister = CfaRegisterNumber(reader.ReadUnsignedLeb128());
                                row.CfaOffset = (long)reader.ReadUnsignedLeb128();
                                break;
                            case DefCfaSigned:
                                row.CfaRegister = CfaRegisterNumber(reader.ReadUnsignedLeb128());
                                row.CfaOffset = reader.ReadSignedLeb128() * dataAlignment;
                                break;
                            case DefCfaRegister:
                                row.CfaRegister = CfaRegisterNumber(reader.ReadUnsignedLeb128());
                                break;
                            case DefCfaOffset:
                                row.CfaOffset = (long)reader.ReadUnsignedLeb128();
                                break;
                            case DefCfaOffsetSigned:
                                row.CfaOffset = reader.ReadSignedLeb128() * dataAlignment;
                                break;
                            case GnuArgsSize:
                                reader.ReadUnsignedLeb128();
                                break;
                            default:
                                return false;
                        }
                        break;
                }
                if (reader.Failed)
                    return false;
                if (advance != 0)
                {
                    ulong next = location + advance * frame.CodeAlignment;
                    if (next > pc || next < location)
                        return true;
                    location = next;
                }
            }
            return true;
        }

        private static RegisterRule Saved(long offset) => new RegisterRule(RegisterRuleKind.SavedAtCfaOffset, offset);

        // Register numbers beyond any x86-64 register cannot be a CFA base; the unwinder rejects them.
        private static int CfaRegisterNumber(ulong register) => register <= CfiRow.ReturnAddress ? (int)register : int.MaxValue;
    }
}
