// The cache types FrameMap takes in A4 (docs/SYSCALLS.md, call 11). Never renumber: the kernel reads these values.
namespace MinimalOS.User.Runtime
{
    public enum FrameCache : ulong
    {
        WriteBack = 0,
        WriteCombining = 1,
        Uncached = 2,
    }
}
