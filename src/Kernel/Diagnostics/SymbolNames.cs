// Turns ilc's symbol names into the C#-like names a panic report prints, without allocating:
//   MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit      -> MinimalOS.Kernel.Logging.Log::Emit
//   MinimalOS_Corelib_System_ReadOnlySpan_1<UInt8>__CopyTo   -> System.ReadOnlySpan<UInt8>::CopyTo
//   _ZTV50MinimalOS_Corelib_System_InvalidOperationException -> System.InvalidOperationException
//   _ZTV6Object, _ZTV14__Array<Int32>, _ZTV11Boxed_Int32      -> System.Object, System.Int32[], System.Int32
// ilc mangles '.' to '_' without escaping, so this is a light, lossy reading ("X86_64" keeps its '_'
// because it sits between digits); names from other sources (assembly labels, [RuntimeExport] aliases)
// are printed unchanged. The raw name stays in the symbol table for gdb and nm.
using System;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Diagnostics
{
    public static class SymbolNames
    {
        // ilc prefixes every symbol with its assembly's name; these are the assemblies the kernel is built from.
        private const string KernelAssemblyPrefix = "MinimalOS_Kernel_";
        private const string CorelibAssemblyPrefix = "MinimalOS_Corelib_";
        private const string MethodTablePrefix = "_ZTV";
        private const string BoxedPrefix = "Boxed_";
        private const string ArrayPrefix = "__Array<";
        private const string MultiDimensionalArrayPrefix = "__MDArray<";

        /// <summary>Appends the readable form of a function symbol: Namespace.Type::Method, or the raw name.</summary>
        public static void AppendReadable(ref TextWriterSpan writer, ReadOnlySpan<byte> rawName)
        {
            int prefixLength = AssemblyPrefixLength(rawName);
            if (prefixLength == 0)
            {
                writer.Append(rawName);
                return;
            }
            ReadOnlySpan<byte> qualified = rawName.Slice(prefixLength);
            int separator = MethodSeparator(qualified);
            if (separator < 0)
            {
                AppendTypeName(ref writer, qualified);
                return;
            }
            AppendTypeName(ref writer, qualified.Slice(0, separator));
            writer.Append("::");
            writer.Append(qualified.Slice(separator + 2));
        }

        /// <summary>
        /// Appends the type a MethodTable symbol (_ZTV, decimal length, mangled type name) stands for;
        /// returns false, appending nothing, when the symbol is not one.
        /// </summary>
        public static bool TryAppendTypeName(ref TextWriterSpan writer, ReadOnlySpan<byte> methodTableSymbol)
        {
            if (!StartsWith(methodTableSymbol, MethodTablePrefix))
                return false;
            int position = MethodTablePrefix.Length;
            int declaredLength = 0;
            while (position < methodTableSymbol.Length && IsDigit(methodTableSymbol[position]) && declaredLength < 100_000)
                declaredLength = declaredLength * 10 + (methodTableSymbol[position++] - '0');
            ReadOnlySpan<byte> mangled = methodTableSymbol.Slice(position);
            if (position == MethodTablePrefix.Length || mangled.Length != declaredLength || declaredLength == 0)
                return false;
            AppendMangledType(ref writer, mangled);
            return true;
        }

        // A type as ilc names its MethodTable: assembly-prefixed names, or the short forms it uses for the
        // primitive types, arrays (__Array<T>, __MDArray<T,rank>) and boxed value types (Boxed_T).
        private static void AppendMangledType(ref TextWriterSpan writer, ReadOnlySpan<byte> mangled)
        {
            int prefixLength = AssemblyPrefixLength(mangled);
            if (prefixLength != 0)
            {
                AppendTypeName(ref writer, mangled.Slice(prefixLength));
                return;
            }
            if (StartsWith(mangled, BoxedPrefix))
            {
                AppendMangledType(ref writer, mangled.Slice(BoxedPrefix.Length));
                return;
            }
            if (mangled.Length > 0 && mangled[mangled.Length - 1] == (byte)'>')
            {
                if (StartsWith(mangled, ArrayPrefix))
                {
                    AppendMangledType(ref writer, mangled.Slice(ArrayPrefix.Length, mangled.Length - ArrayPrefix.Length - 1));
                    writer.Append("[]");
                    return;
                }
                if (StartsWith(mangled, MultiDimensionalArrayPrefix))
                {
                    ReadOnlySpan<byte> arguments = mangled.Slice(MultiDimensionalArrayPrefix.Length, mangled.Length - MultiDimensionalArrayPrefix.Length - 1);
                    int comma = arguments.LastIndexOf((byte)',');
                    if (comma > 0 && TryParseRank(arguments.Slice(comma + 1), out int rank))
                    {
                        AppendMangledType(ref writer, arguments.Slice(0, comma));
                        writer.Append((byte)'[');
                        for (int i = 1; i < rank; i++)
                            writer.Append((byte)',');
                        writer.Append((byte)']');
                        return;
                    }
                }
            }
            string wellKnown = WellKnownTypeName(mangled);
            if (wellKnown is not null)
                writer.Append(wellKnown);
            else
                writer.Append(mangled);
        }

        private static bool TryParseRank(ReadOnlySpan<byte> digits, out int rank)
        {
            rank = 0;
            if (digits.Length == 0 || digits.Length > 2)
                return false;
            foreach (byte d in digits)
            {
                if (!IsDigit(d))
                    return false;
                rank = rank * 10 + (d - '0');
            }
            return rank >= 1;
        }

        // ilc's short names for the corelib's primitive types, mapped to their .NET full names.
        private static string WellKnownTypeName(ReadOnlySpan<byte> name)
        {
            if (Is(name, "Object")) return "System.Object";
            if (Is(name, "String")) return "System.String";
            if (Is(name, "Bool")) return "System.Boolean";
            if (Is(name, "Char")) return "System.Char";
            if (Is(name, "Int8")) return "System.SByte";
            if (Is(name, "UInt8")) return "System.Byte";
            if (Is(name, "Int16")) return "System.Int16";
            if (Is(name, "UInt16")) return "System.UInt16";
            if (Is(name, "Int32")) return "System.Int32";
            if (Is(name, "UInt32")) return "System.UInt32";
            if (Is(name, "Int64")) return "System.Int64";
            if (Is(name, "UInt64")) return "System.UInt64";
            if (Is(name, "IntPtr")) return "System.IntPtr";
            if (Is(name, "UIntPtr")) return "System.UIntPtr";
            if (Is(name, "Single")) return "System.Single";
            if (Is(name, "Double")) return "System.Double";
            if (Is(name, "Void")) return "System.Void";
            return null;
        }

        private static bool Is(ReadOnlySpan<byte> text, string expected) => text.Length == expected.Length && StartsWith(text, expected);

        // Namespace and type: '_' becomes '.', except between digits (X86_64) and before a generic arity
        // ("ReadOnlySpan_1<" reads as "ReadOnlySpan<"); generic arguments lose their assembly prefix too.
        private static void AppendTypeName(ref TextWriterSpan writer, ReadOnlySpan<byte> mangled)
        {
            int i = 0;
            while (i < mangled.Length)
            {
                byte c = mangled[i];
                if (c == (byte)'<' || c == (byte)',')
                {
                    writer.Append(c);
                    i++;
                    i += AssemblyPrefixLength(mangled.Slice(i));
                    continue;
                }
                if (c != (byte)'_')
                {
                    writer.Append(c);
                    i++;
                    continue;
                }
                bool digitBefore = i > 0 && IsDigit(mangled[i - 1]);
                int digitsEnd = i + 1;
                while (digitsEnd < mangled.Length && IsDigit(mangled[digitsEnd]))
                    digitsEnd++;
                bool digitsAfter = digitsEnd > i + 1;
                if (digitsAfter && digitsEnd < mangled.Length && mangled[digitsEnd] == (byte)'<')
                {
                    i = digitsEnd;
                    continue;
                }
                writer.Append(digitBefore && digitsAfter ? (byte)'_' : (byte)'.');
                i++;
            }
        }

        // The "__" between type and method, outside generic argument lists; -1 if there is none.
        private static int MethodSeparator(ReadOnlySpan<byte> qualified)
        {
            int depth = 0;
            for (int i = 0; i + 1 < qualified.Length; i++)
            {
                byte c = qualified[i];
                if (c == (byte)'<')
                    depth++;
                else if (c == (byte)'>' && depth > 0)
                    depth--;
                else if (depth == 0 && i > 0 && c == (byte)'_' && qualified[i + 1] == (byte)'_')
                    return i;
            }
            return -1;
        }

        private static int AssemblyPrefixLength(ReadOnlySpan<byte> name)
        {
            if (StartsWith(name, KernelAssemblyPrefix))
                return KernelAssemblyPrefix.Length;
            if (StartsWith(name, CorelibAssemblyPrefix))
                return CorelibAssemblyPrefix.Length;
            return 0;
        }

        private static bool StartsWith(ReadOnlySpan<byte> text, string prefix)
        {
            if (text.Length < prefix.Length)
                return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != (byte)prefix[i])
                    return false;
            }
            return true;
        }

        private static bool IsDigit(byte c) => c >= (byte)'0' && c <= (byte)'9';
    }
}
