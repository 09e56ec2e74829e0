// What a loaded segment may be used for, from its p_flags. An accepted image never has Write and Execute
// on the same segment (the parser refuses it).
namespace MinimalOS.Kernel.Elf
{
    [System.Flags]
    public enum ElfSegmentAccess : byte
    {
        None = 0,
        Read = 1,
        Write = 2,
        Execute = 4,
    }
}
