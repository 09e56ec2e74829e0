// Runs static constructors on first use. ilc precomputes most statics at compile time; for the rest it
// emits a check of the type's StaticClassConstructionContext and calls one of the two methods below.
// Single-CPU for now: the context is cleared before the constructor runs (so a constructor that touches
// its own type's statics sees them as initialised, as in .NET). The SMP issue adds a per-type lock.
namespace System.Runtime.CompilerServices
{
    internal static unsafe class ClassConstructorRunner
    {
        private static object CheckStaticClassConstructionReturnGCStaticBase(ref StaticClassConstructionContext context, object gcStaticBase)
        {
            EnsureClassConstructorRun(ref context);
            return gcStaticBase;
        }

        private static nint CheckStaticClassConstructionReturnNonGCStaticBase(ref StaticClassConstructionContext context, nint nonGcStaticBase)
        {
            EnsureClassConstructorRun(ref context);
            return nonGcStaticBase;
        }

        private static void EnsureClassConstructorRun(ref StaticClassConstructionContext context)
        {
            nint constructor = context.cctorMethodAddress;
            if (constructor == 0)
                return;
            context.cctorMethodAddress = 0;
            ((delegate*<void>)constructor)();
        }
    }

    // ilc allocates one of these in front of every non-GC static base of a type with a lazy cctor.
    public struct StaticClassConstructionContext
    {
        public nint cctorMethodAddress;
    }
}
