// Formats code addresses for panic reports and backtraces: "#3 0xffffffff80102d45 Namespace.Type::Method+0xd5",
// with "??" when no symbol contains the address. Never allocates; text that does not fit is cut off.
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Diagnostics
{
    public static class BacktraceFormatter
    {
        /// <summary>Appends "#index address location" for one frame of a backtrace.</summary>
        public static void AppendFrame(ref TextWriterSpan writer, int index, ulong address, bool isReturnAddress,
            in SymbolTable symbols)
        {
            writer.Append((byte)'#');
            writer.AppendDecimal((ulong)index);
            writer.Append((byte)' ');
            writer.AppendAddress(address);
            writer.Append((byte)' ');
            AppendLocation(ref writer, address, isReturnAddress, in symbols);
        }

        /// <summary>
        /// Appends "Symbol+0xoffset" for the function containing <paramref name="address"/>, or "??". A return
        /// address is attributed to the function holding the call just before it: a call to a method that
        /// never returns may be the last instruction of its function.
        /// </summary>
        public static void AppendLocation(ref TextWriterSpan writer, ulong address, bool isReturnAddress, in SymbolTable symbols)
        {
            ulong lookup = isReturnAddress && address != 0 ? address - 1 : address;
            if (!symbols.TryFindFunction(lookup, out SymbolMatch match))
            {
                writer.Append("??");
                return;
            }
            SymbolNames.AppendReadable(ref writer, match.Name);
            writer.Append("+0x");
            writer.AppendHex(address - match.Start);
        }
    }
}
