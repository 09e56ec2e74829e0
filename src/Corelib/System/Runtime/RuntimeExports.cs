// Allocation, boxing and failure entry points that ilc-generated code calls by symbol name; ilc also
// resolves this class itself by its name (System.Runtime.RuntimeExports), so it must not move. Allocation
// asks the host through RuntimeHooks.Allocate; running out of memory is fatal (no GC to reclaim any).
using System;
using Internal.Runtime;
using System.Runtime.CompilerServices;

namespace System.Runtime
{
    internal static unsafe class RuntimeExports
    {
        private static object AllocateObject(MethodTable* type, nuint size)
        {
            void* memory = RuntimeHooks.Allocate((size + 7) & ~(nuint)7);
            if (memory == null)
                RuntimeHooks.FailFast("out of memory");
            *(MethodTable**)memory = type;
            return Unsafe.Read<object>(&memory);
        }

        [RuntimeExport("RhpNewFast")]
        internal static object RhpNewFast(MethodTable* type) => AllocateObject(type, type->BaseSize);

        [RuntimeExport("RhpNewFinalizable")]
        internal static object RhpNewFinalizable(MethodTable* type) => AllocateObject(type, type->BaseSize);

        [RuntimeExport("RhpNewArrayFast")]
        internal static object RhpNewArrayFast(MethodTable* type, int length) => RhNewArray(type, length);

        [RuntimeExport("RhpNewPtrArrayFast")]
        internal static object RhpNewPtrArrayFast(MethodTable* type, int length) => RhNewArray(type, length);

        [RuntimeExport("RhpNewArrayFastAlign8")]
        internal static object RhpNewArrayFastAlign8(MethodTable* type, int length) => RhNewArray(type, length);

        [RuntimeExport("RhpNewFastAlign8")]
        internal static object RhpNewFastAlign8(MethodTable* type) => AllocateObject(type, type->BaseSize);

        [RuntimeExport("RhpNewFastMisalign")]
        internal static object RhpNewFastMisalign(MethodTable* type) => AllocateObject(type, type->BaseSize);

        [RuntimeExport("RhNewObject")]
        internal static object RhNewObject(MethodTable* type) => AllocateObject(type, type->BaseSize);

        [RuntimeExport("RhNewArray")]
        internal static object RhNewArray(MethodTable* type, int length)
        {
            if (length < 0)
                throw new OverflowException();
            ulong size = type->BaseSize + (ulong)length * type->ComponentSize;
            if (size > int.MaxValue)
                throw new OutOfMemoryException();
            object array = AllocateObject(type, (nuint)size);
            Unsafe.As<RawArrayData>(array).Length = (uint)length;
            return array;
        }

        [RuntimeExport("RhBox")]
        internal static object RhBox(MethodTable* type, ref byte data)
        {
            ref byte source = ref data;
            if (type->IsNullable)
            {
                if (data == 0)
                    return null;
                source = ref Unsafe.Add(ref data, (nint)type->NullableValueOffset);
                type = type->NullableType;
            }
            object box = AllocateObject(type, type->BaseSize);
            Buffer.Memmove(ref box.GetRawData(), ref source, type->ValueTypeSize);
            return box;
        }

        [RuntimeExport("RhUnbox2")]
        internal static ref byte RhUnbox2(MethodTable* type, object box)
        {
            if (box is null || !UnboxTypeMatches(type, box.GetMethodTable()))
                throw new InvalidCastException();
            return ref box.GetRawData();
        }

        [RuntimeExport("RhUnboxNullable")]
        internal static void RhUnboxNullable(ref byte data, MethodTable* nullableType, object box)
        {
            MethodTable* valueType = nullableType->NullableType;
            if (box is null)
            {
                SpanHelpers.ClearWithoutReferences(ref data, nullableType->ValueTypeSize);
                return;
            }
            if (!UnboxTypeMatches(valueType, box.GetMethodTable()))
                throw new InvalidCastException();
            data = 1;
            Buffer.Memmove(ref Unsafe.Add(ref data, (nint)nullableType->NullableValueOffset), ref box.GetRawData(), valueType->ValueTypeSize);
        }

        [RuntimeExport("RhUnboxTypeTest")]
        internal static void RhUnboxTypeTest(MethodTable* type, MethodTable* boxType)
        {
            if (!UnboxTypeMatches(type, boxType))
                throw new InvalidCastException();
        }

        // Enums unbox to their underlying primitive and back, as in the CLI specification.
        private static bool UnboxTypeMatches(MethodTable* expected, MethodTable* actual)
        {
            if (expected == actual)
                return true;
            ElementType e = expected->ElementType;
            ElementType a = actual->ElementType;
            return e == a && e < ElementType.ValueType && expected->BaseSize == actual->BaseSize;
        }

        [RuntimeExport("RhpThrowEx")]
        internal static void RhpThrowEx(object exception) => RuntimeHooks.UnhandledException(exception);

        [RuntimeExport("RhpRethrow")]
        internal static void RhpRethrow() => RuntimeHooks.FailFast("rethrow without an exception in flight");

        [RuntimeExport("RhpFallbackFailFast")]
        internal static void RhpFallbackFailFast() => RuntimeHooks.FailFast("runtime fail-fast");

        // There is no garbage collector to cooperate with, so transitions and polls have nothing to do.
        [RuntimeExport("RhpGcPoll")]
        internal static void RhpGcPoll() { }

        [RuntimeExport("RhpPInvoke")]
        internal static void RhpPInvoke(nint frame) { }

        [RuntimeExport("RhpPInvokeReturn")]
        internal static void RhpPInvokeReturn(nint frame) { }

        [RuntimeExport("RhpReversePInvoke")]
        internal static void RhpReversePInvoke(nint frame) { }

        [RuntimeExport("RhpReversePInvokeReturn")]
        internal static void RhpReversePInvokeReturn(nint frame) { }
    }
}
