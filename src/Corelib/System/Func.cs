// The generic value-returning delegate types that lambdas and method groups convert to. Invoking one
// calls its target directly; combining delegates (+=) is not supported.
namespace System
{
    public delegate TResult Func<out TResult>();

    public delegate TResult Func<in T, out TResult>(T arg);

    public delegate TResult Func<in T1, in T2, out TResult>(T1 arg1, T2 arg2);
}
