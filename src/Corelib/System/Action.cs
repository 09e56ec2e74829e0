// The parameterless and generic void-returning delegate types that lambdas and method groups convert to.
// Invoking one calls its target directly; combining delegates (+=) is not supported.
namespace System
{
    public delegate void Action();

    public delegate void Action<in T>(T arg);

    public delegate void Action<in T1, in T2>(T1 arg1, T2 arg2);
}
