// Interop attributes: struct layout control and the ways C# calls (and is called from) assembly.
namespace System.Runtime.InteropServices
{
    public enum LayoutKind
    {
        Sequential = 0,
        Explicit = 2,
        Auto = 3,
    }

    public enum CharSet
    {
        None = 1,
        Ansi = 2,
        Unicode = 3,
        Auto = 4,
    }

    public enum CallingConvention
    {
        Winapi = 1,
        Cdecl = 2,
        StdCall = 3,
        ThisCall = 4,
        FastCall = 5,
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
    public sealed class StructLayoutAttribute : Attribute
    {
        public StructLayoutAttribute(LayoutKind layoutKind) { Value = layoutKind; }
        public StructLayoutAttribute(short layoutKind) { Value = (LayoutKind)layoutKind; }
        public LayoutKind Value { get; }
        public int Pack;
        public int Size;
        public CharSet CharSet;
    }

    [AttributeUsage(AttributeTargets.Field, Inherited = false)]
    public sealed class FieldOffsetAttribute : Attribute
    {
        public FieldOffsetAttribute(int offset) { Value = offset; }
        public int Value { get; }
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class DllImportAttribute : Attribute
    {
        public DllImportAttribute(string dllName) { Value = dllName; }
        public string Value { get; }
        public string EntryPoint;
        public CallingConvention CallingConvention;
        public bool ExactSpelling;
        public bool SetLastError;
        public CharSet CharSet;
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class UnmanagedCallersOnlyAttribute : Attribute
    {
        public Type[] CallConvs;
        public string EntryPoint;
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false)]
    public sealed class SuppressGCTransitionAttribute : Attribute { }

    // Roslyn marks an `unmanaged` generic constraint with a modreq of this type, so it must exist.
    public enum UnmanagedType { }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class InAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class OutAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Struct | AttributeTargets.Delegate, Inherited = false)]
    public sealed class ComImportAttribute : Attribute { }

    public static class MemoryMarshal
    {
        public static ref T GetReference<T>(Span<T> span) => ref span._reference;

        public static ref T GetReference<T>(ReadOnlySpan<T> span) => ref span._reference;

        public static Span<T> CreateSpan<T>(ref T reference, int length) => new Span<T>(ref reference, length);

        public static ReadOnlySpan<T> CreateReadOnlySpan<T>(ref readonly T reference, int length) =>
            new ReadOnlySpan<T>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in reference), length);

        public static unsafe Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span) where TFrom : struct where TTo : struct =>
            new Span<TTo>(
                ref System.Runtime.CompilerServices.Unsafe.As<TFrom, TTo>(ref span._reference),
                (int)((long)span.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<TFrom>() / System.Runtime.CompilerServices.Unsafe.SizeOf<TTo>()));

        public static unsafe ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) where TFrom : struct where TTo : struct =>
            new ReadOnlySpan<TTo>(
                ref System.Runtime.CompilerServices.Unsafe.As<TFrom, TTo>(ref span._reference),
                (int)((long)span.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<TFrom>() / System.Runtime.CompilerServices.Unsafe.SizeOf<TTo>()));

        public static Span<byte> AsBytes<T>(Span<T> span) where T : struct => Cast<T, byte>(span);

        public static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> span) where T : struct => Cast<T, byte>(span);
    }
}

namespace System.Runtime.InteropServices
{
    // ilc requires this interface to exist; the kernel never implements it (no dynamic casting).
    public interface IDynamicInterfaceCastable
    {
        private static RuntimeTypeHandle GetDynamicInterfaceImplementation(IDynamicInterfaceCastable instance, RuntimeTypeHandle interfaceType) => default;
    }
}
