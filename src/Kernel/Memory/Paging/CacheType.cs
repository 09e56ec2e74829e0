// The cache behaviours a frame can be mapped with, as a program asks for them: write-back for ordinary
// memory, write-combining for framebuffers and similar streaming writes, uncached for device registers.
// Only names; PatLayout says which page-table bits select each one. Never renumber: frame capabilities
// store these values.
namespace MinimalOS.Kernel.Memory.Paging
{
    public enum CacheType : byte
    {
        WriteBack = 0,
        WriteCombining = 1,
        Uncached = 2,
    }
}
