// Writes .eh_frame sections for tests: CIEs and FDEs laid out as GCC, LLVM and ilc do (pc-relative
// pointers are resolved against the section's pretend load address), so that the parser, the CFI
// interpreter and the unwinder can be tested on known bytes.
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MinimalOS.Tests.Host.Diagnostics
{
    internal sealed class EhFrameBuilder
    {
        // DW_CFA opcodes for writing instruction streams in tests.
        public const byte Nop = 0x00;
        public const byte AdvanceLoc = 0x40;
        public const byte Offset = 0x80;
        public const byte Restore = 0xC0;
        public const byte AdvanceLoc1 = 0x02;
        public const byte AdvanceLoc2 = 0x03;
        public const byte AdvanceLoc4 = 0x04;
        public const byte Undefined = 0x07;
        public const byte SameValue = 0x08;
        public const byte Register = 0x09;
        public const byte RememberState = 0x0A;
        public const byte RestoreState = 0x0B;
        public const byte DefCfa = 0x0C;
        public const byte DefCfaRegister = 0x0D;
        public const byte DefCfaOffset = 0x0E;
        public const byte DefCfaExpression = 0x0F;
        public const byte Expression = 0x10;
        public const byte OffsetExtendedSigned = 0x11;
        public const byte ValOffset = 0x14;
        public const byte GnuArgsSize = 0x2E;
        public const byte SetLoc = 0x01;

        public const byte PcRelativeSData4 = 0x1B;
        public const byte AbsoluteUData8 = 0x04;

        /// <summary>The CIE initial instructions every x86-64 compiler emits: CFA = rsp + 8, return address at CFA - 8.</summary>
        public static readonly byte[] X64InitialInstructions = { DefCfa, 7, 8, Offset | 16, 1 };

        private readonly ulong _address;
        private readonly MemoryStream _bytes = new();
        private readonly Dictionary<int, (byte Encoding, bool HasLsda)> _cies = new();

        public EhFrameBuilder(ulong sectionAddress) => _address = sectionAddress;

        /// <summary>Adds a CIE with a "z" augmentation ("zR", "zLR" as ilc, "zPLR"); returns its offset.</summary>
        public int AddCie(byte[] initialInstructions, string augmentation = "zLR", byte pointerEncoding = PcRelativeSData4,
            ulong returnAddressRegister = 16, byte version = 1)
        {
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(0u);
            w.Write(version);
            w.Write(Encoding.ASCII.GetBytes(augmentation));
            w.Write((byte)0);
            WriteUleb(w, 1);
            WriteSleb(w, -8);
            if (version == 1)
                w.Write((byte)returnAddressRegister);
            else
                WriteUleb(w, returnAddressRegister);
            if (augmentation.StartsWith("z"))
            {
                var data = new MemoryStream();
                foreach (char c in augmentation.Substring(1))
                {
                    if (c == 'R') data.WriteByte(pointerEncoding);
                    if (c == 'L') data.WriteByte(PcRelativeSData4);
                    if (c == 'P') { data.WriteByte(0x00); data.Write(new byte[8]); }
                }
                WriteUleb(w, (ulong)data.Length);
                w.Write(data.ToArray());
            }
            w.Write(initialInstructions);
            int offset = AppendEntry(body.ToArray());
            _cies[offset] = (pointerEncoding, augmentation.Contains('L'));
            return offset;
        }

        /// <summary>Adds an FDE for [begin, begin + length) under the CIE at <paramref name="cie"/>.</summary>
        public void AddFde(int cie, ulong begin, ulong length, params byte[] instructions)
        {
            var (encoding, hasLsda) = _cies[cie];
            int entryStart = (int)_bytes.Length;
            int idPosition = entryStart + 4;
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write((uint)(idPosition - cie));
            int beginPosition = idPosition + 4;
            if (encoding == PcRelativeSData4)
            {
                w.Write((int)(long)(begin - (_address + (ulong)beginPosition)));
                w.Write((int)length);
            }
            else
            {
                w.Write(begin);
                w.Write(length);
            }
            if (hasLsda)
            {
                WriteUleb(w, 4);
                w.Write(0);
            }
            else
            {
                WriteUleb(w, 0);
            }
            w.Write(instructions);
            AppendEntry(body.ToArray());
        }

        /// <summary>Appends raw bytes (for corrupt sections).</summary>
        public void AddRaw(byte[] bytes) => _bytes.Write(bytes);

        public byte[] Build(bool terminate = true)
        {
            var copy = new MemoryStream();
            _bytes.Position = 0;
            _bytes.CopyTo(copy);
            if (terminate)
                copy.Write(new byte[4]);
            return copy.ToArray();
        }

        // Length-prefixed entry, padded with DW_CFA_nop to 8 bytes as compilers do.
        private int AppendEntry(byte[] body)
        {
            int offset = (int)_bytes.Length;
            int padded = (body.Length + 4 + 7) / 8 * 8 - 4;
            var w = new BinaryWriter(_bytes);
            w.Write((uint)padded);
            w.Write(body);
            w.Write(new byte[padded - body.Length]);
            return offset;
        }

        public static void WriteUleb(BinaryWriter w, ulong value)
        {
            do
            {
                byte b = (byte)(value & 0x7F);
                value >>= 7;
                w.Write(value != 0 ? (byte)(b | 0x80) : b);
            } while (value != 0);
        }

        public static void WriteSleb(BinaryWriter w, long value)
        {
            while (true)
            {
                byte b = (byte)(value & 0x7F);
                value >>= 7;
                bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
                w.Write(done ? b : (byte)(b | 0x80));
                if (done)
                    return;
            }
        }
    }
}
