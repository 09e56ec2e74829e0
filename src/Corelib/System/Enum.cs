// Base of all enums. Enum member names are not kept at run time (there is no reflection metadata), so
// ToString shows the underlying number, as .NET does for a value that has no name.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System
{
    public abstract unsafe class Enum : ValueType
    {
        // Called on a boxed enum (a constrained call on an unboxed one boxes first); the MethodTable's
        // element type is the underlying integer type.
        public override string ToString()
        {
            ref byte data = ref GetRawData();
            return GetMethodTable()->ElementType switch
            {
                ElementType.SByte => Number.FormatSigned(Unsafe.As<byte, sbyte>(ref data), null, 8),
                ElementType.Byte => Number.FormatUnsigned(data, null, 8),
                ElementType.Int16 => Number.FormatSigned(Unsafe.As<byte, short>(ref data), null, 16),
                ElementType.UInt16 => Number.FormatUnsigned(Unsafe.As<byte, ushort>(ref data), null, 16),
                ElementType.Int32 => Number.FormatSigned(Unsafe.As<byte, int>(ref data), null, 32),
                ElementType.UInt32 => Number.FormatUnsigned(Unsafe.As<byte, uint>(ref data), null, 32),
                ElementType.Int64 => Number.FormatSigned(Unsafe.As<byte, long>(ref data), null, 64),
                ElementType.UInt64 => Number.FormatUnsigned(Unsafe.As<byte, ulong>(ref data), null, 64),
                ElementType.Char => new string((char)Unsafe.As<byte, ushort>(ref data), 1),
                ElementType.Boolean => data != 0 ? "True" : "False",
                _ => base.ToString(),
            };
        }
    }
}
