// Casting: is/as/explicit casts, array covariance checks and array element stores. ilc calls these by
// name. Type identity is MethodTable identity (there is one MethodTable per type in the image); variance
// on generic interfaces is not supported yet and is reported as "not an instance".
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Runtime
{
    internal static unsafe class TypeCast
    {
        private static object IsInstanceOfClass(MethodTable* targetType, object obj)
        {
            if (obj is null)
                return null;
            for (MethodTable* type = obj.GetMethodTable(); type != null; type = type->BaseType)
            {
                if (type == targetType)
                    return obj;
            }
            return null;
        }

        private static object IsInstanceOfInterface(MethodTable* targetType, object obj)
        {
            if (obj is null)
                return null;
            return ImplementsInterface(obj.GetMethodTable(), targetType) ? obj : null;
        }

        private static object IsInstanceOfAny(MethodTable* targetType, object obj)
        {
            if (obj is null)
                return null;
            return AreTypesAssignable(obj.GetMethodTable(), targetType) ? obj : null;
        }

        private static bool IsInstanceOfException(MethodTable* targetType, object obj) =>
            obj is not null && IsInstanceOfClass(targetType, obj) is not null;

        private static object CheckCastAny(MethodTable* targetType, object obj)
        {
            if (obj is null || AreTypesAssignable(obj.GetMethodTable(), targetType))
                return obj;
            throw new InvalidCastException();
        }

        private static object CheckCastInterface(MethodTable* targetType, object obj)
        {
            if (obj is null || ImplementsInterface(obj.GetMethodTable(), targetType))
                return obj;
            throw new InvalidCastException();
        }

        private static object CheckCastClass(MethodTable* targetType, object obj)
        {
            if (obj is null || IsInstanceOfClass(targetType, obj) is not null)
                return obj;
            throw new InvalidCastException();
        }

        private static object CheckCastClassSpecial(MethodTable* targetType, object obj) => CheckCastClass(targetType, obj);

        internal static bool ImplementsInterface(MethodTable* type, MethodTable* interfaceType)
        {
            MethodTable** map = type->InterfaceMap;
            for (int i = 0; i < type->NumInterfaces; i++)
            {
                if (map[i] == interfaceType)
                    return true;
            }
            return false;
        }

        // Can a value of sourceType be stored in a location of targetType? Covers classes, interfaces and
        // arrays (including covariance of reference-type arrays: string[] is an object[]).
        internal static bool AreTypesAssignable(MethodTable* sourceType, MethodTable* targetType)
        {
            if (sourceType == targetType)
                return true;
            if (targetType->IsInterface)
                return ImplementsInterface(sourceType, targetType);
            if (sourceType->IsArray && targetType->IsArray)
            {
                if (sourceType->ElementType != targetType->ElementType)
                    return false;
                if (!sourceType->IsSzArray && sourceType->ArrayRank != targetType->ArrayRank)
                    return false;
                MethodTable* sourceElement = sourceType->RelatedParameterType;
                MethodTable* targetElement = targetType->RelatedParameterType;
                if (sourceElement == targetElement)
                    return true;
                // Value-type elements: only integers differing in signedness (int[] is a uint[], and an enum
                // array is an array of its underlying type), as in the CLI. Covariance is for references.
                if (sourceElement->IsValueType || targetElement->IsValueType)
                    return SameSizeIntegers(sourceElement->ElementType, targetElement->ElementType);
                return AreTypesAssignable(sourceElement, targetElement);
            }
            // Walks the class chain; an array's chain is System.Array, System.Object.
            for (MethodTable* type = sourceType->BaseType; type != null; type = type->BaseType)
            {
                if (type == targetType)
                    return true;
            }
            return false;
        }

        private static bool SameSizeIntegers(ElementType a, ElementType b)
        {
            if (a < ElementType.SByte || a > ElementType.UIntPtr || b < ElementType.SByte || b > ElementType.UIntPtr)
                return false;
            // SByte/Byte, Int16/UInt16, Int32/UInt32, Int64/UInt64 and IntPtr/UIntPtr are adjacent pairs.
            return ((int)a - (int)ElementType.SByte) / 2 == ((int)b - (int)ElementType.SByte) / 2;
        }

        // Array element store: with covariance, an object[] may really be a string[], so the stored value
        // must fit the array's actual element type.
        private static void StelemRef(object[] array, nint index, object obj)
        {
            if (array is null)
                throw new NullReferenceException();
            if ((nuint)index >= (nuint)array.Length)
                throw new IndexOutOfRangeException();
            ref object element = ref Unsafe.Add(ref Unsafe.As<byte, object>(ref array.GetRawArrayData()), index);
            if (obj is null)
            {
                element = null;
                return;
            }
            MethodTable* elementType = array.GetMethodTable()->RelatedParameterType;
            if (obj.GetMethodTable() != elementType && !AreTypesAssignable(obj.GetMethodTable(), elementType))
                throw new ArrayTypeMismatchException();
            element = obj;
        }

        private static ref object LdelemaRef(object[] array, nint index, MethodTable* elementType)
        {
            if (array is null)
                throw new NullReferenceException();
            if ((nuint)index >= (nuint)array.Length)
                throw new IndexOutOfRangeException();
            if (array.GetMethodTable()->RelatedParameterType != elementType)
                throw new ArrayTypeMismatchException();
            return ref Unsafe.Add(ref Unsafe.As<byte, object>(ref array.GetRawArrayData()), index);
        }
    }
}
