// The memory-type encodings an entry of the IA32_PAT MSR can hold (Intel SDM vol. 3, "Page Attribute
// Table"). Values are architectural; 2 and 3 are reserved and must never be written to the MSR.
namespace MinimalOS.Kernel.Memory.Paging
{
    public enum PatMemoryType : byte
    {
        Uncacheable = 0,
        WriteCombining = 1,
        WriteThrough = 4,
        WriteProtected = 5,
        WriteBack = 6,
        /// <summary>UC-: uncached, but an MTRR saying write-combining wins.</summary>
        UncachedMinus = 7,
    }
}
