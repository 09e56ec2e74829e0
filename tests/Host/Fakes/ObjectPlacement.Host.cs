// The host's stand-in for the corelib's ObjectPlacement: .NET cannot make an object in given memory, so
// host tests get an ordinary uninitialised object (the code under test only needs its fields to work).
using System.Runtime.CompilerServices;

namespace System.Runtime
{
    public static unsafe class ObjectPlacement
    {
        public static uint SizeOf<T>() where T : class => 0;

        public static T Construct<T>(void* memory) where T : class => (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
    }
}
