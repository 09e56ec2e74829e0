// Makes a C# object in memory its caller owns instead of in the host's heap: the kernel places the objects
// it makes from untyped memory (a thread's scheduler state) inside that memory, so what a program asked
// for is paid for by its own capability. The memory must be zeroed, pointer-aligned and at least
// SizeOf<T>() bytes; no constructor runs (the caller initialises the fields), and the object must never be
// released to the heap. Only for classes whose fields the caller can fully initialise.
using Internal.Runtime;
using System.Runtime.CompilerServices;

namespace System.Runtime
{
    public static unsafe class ObjectPlacement
    {
        /// <summary>The bytes an object of type T occupies (its header included).</summary>
        public static uint SizeOf<T>() where T : class => MethodTable.Of<T>()->BaseSize;

        /// <summary>A T at <paramref name="memory"/>: writes its type header and returns the reference.</summary>
        public static T Construct<T>(void* memory) where T : class
        {
            *(MethodTable**)memory = MethodTable.Of<T>();
            return Unsafe.As<T>(Unsafe.Read<object>(&memory));
        }
    }
}
