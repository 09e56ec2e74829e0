// A read-only view of the MethodTable that ilc 10.0.12 emits for every type: flags, base size, parent or
// element type, vtable, interface map, then optional fields addressed by 32-bit relative pointers (type
// manager, writable data, dispatch map, finalizer, sealed vtable, generic definition and composition,
// each present or absent by flag). The layout is fixed by the compiler version pinned in the Makefile and
// described in docs/RUNTIME.md; the casting, boxing and dispatch code read types only through this struct.
using System.Runtime.CompilerServices;

namespace Internal.Runtime
{
    internal unsafe struct MethodTable
    {
        private const uint HasComponentSizeFlag = 0x80000000;
        private const uint ElementTypeMask = 0x7C000000;
        private const int ElementTypeShift = 26;
        private const uint HasSealedVTableEntriesFlag = 0x00400000;
        private const uint HasFinalizerFlag = 0x00100000;
        private const uint HasDispatchMapFlag = 0x00040000;
        private const uint KindMask = 0x00030000;
        private const uint ParameterizedKind = 0x00020000;

        // Base size of every one-dimensional array: MethodTable pointer, 32-bit length, 32-bit padding, and one
        // more pointer so that even an empty array has the minimum object size (verified against ilc 10.0.12).
        private const uint SzArrayBaseSize = 24;

        private uint _flags;
        private uint _baseSize;
        private MethodTable* _relatedType;
        private ushort _numVtableSlots;
        private ushort _numInterfaces;
        private uint _hashCode;

        [Intrinsic]
        internal static extern MethodTable* Of<T>();

        internal bool HasComponentSize => (_flags & HasComponentSizeFlag) != 0;
        internal ushort ComponentSize => HasComponentSize ? (ushort)_flags : (ushort)0;
        internal uint BaseSize => _baseSize;
        internal ElementType ElementType => (ElementType)((_flags & ElementTypeMask) >> ElementTypeShift);
        internal bool IsInterface => ElementType == ElementType.Interface;
        internal bool IsValueType => ElementType < ElementType.Class;
        internal bool IsNullable => ElementType == ElementType.Nullable;
        internal bool IsArray => ElementType == ElementType.Array || ElementType == ElementType.SzArray;
        internal bool IsSzArray => ElementType == ElementType.SzArray;
        internal bool IsParameterized => (_flags & KindMask) == ParameterizedKind;
        internal bool HasDispatchMap => (_flags & HasDispatchMapFlag) != 0;
        internal bool HasSealedVTableEntries => (_flags & HasSealedVTableEntriesFlag) != 0;
        internal bool IsFinalizable => (_flags & HasFinalizerFlag) != 0;
        internal ushort NumVtableSlots => _numVtableSlots;
        internal ushort NumInterfaces => _numInterfaces;

        /// <summary>Dimensions of a multi-dimensional array: its base size adds a length and a lower bound per dimension.</summary>
        internal int ArrayRank => (int)(_baseSize - SzArrayBaseSize) / (2 * sizeof(int));

        /// <summary>
        /// Parent class: System.Array for arrays, the declared base for classes and structs; null for System.Object,
        /// interfaces, pointers and byrefs.
        /// </summary>
        internal MethodTable* BaseType => !IsParameterized ? _relatedType : IsArray ? Of<System.Array>() : null;

        /// <summary>Element type of an array, pointer or byref.</summary>
        internal MethodTable* RelatedParameterType => _relatedType;

        /// <summary>Size of a value type's data (the boxed base size less the header and padding).</summary>
        internal uint ValueTypeSize => _baseSize - (uint)(sizeof(nint) * 2) - ((_flags & 0xE0) >> 5);

        /// <summary>Offset of Value inside a Nullable&lt;T&gt; (after the bool, aligned as T).</summary>
        internal uint NullableValueOffset => 1u << (int)((_flags & 0x700) >> 8);

        internal MethodTable** InterfaceMap =>
            (MethodTable**)((byte*)Unsafe.AsPointer(ref this) + sizeof(MethodTable) + sizeof(nint) * _numVtableSlots);

        internal nint* Vtable => (nint*)((byte*)Unsafe.AsPointer(ref this) + sizeof(MethodTable));

        // Optional fields follow the interface map, each a 32-bit relative pointer, present or absent by flag.
        private int* OptionalField(int index) =>
            (int*)((byte*)InterfaceMap + sizeof(nint) * _numInterfaces) + index;

        private static void* Follow(int* relative) => (byte*)relative + *relative;

        /// <summary>One pointer of zero-initialised memory per type that the runtime may use (it caches the Type).</summary>
        internal void* WritableData => Follow(OptionalField(1));

        internal DispatchMap* DispatchMap => HasDispatchMap ? (DispatchMap*)Follow(OptionalField(2)) : null;

        private int SealedVirtualSlotsIndex => 2 + (HasDispatchMap ? 1 : 0) + (IsFinalizable ? 1 : 0);

        internal nint GetSealedVirtualSlot(int slot)
        {
            int* table = (int*)Follow(OptionalField(SealedVirtualSlotsIndex));
            return (nint)Follow(table + slot);
        }

        // A generic type ends with its generic definition, then its composition (its type arguments).
        private int GenericCompositionIndex => SealedVirtualSlotsIndex + (HasSealedVTableEntries ? 1 : 0) + 1;

        /// <summary>T of a Nullable&lt;T&gt;: with one type argument, the composition field points straight at it.</summary>
        internal MethodTable* NullableType => (MethodTable*)Follow(OptionalField(GenericCompositionIndex));
    }
}
