// Why an ELF image was refused. The image is untrusted (the root task arrives as a boot module), so each
// check the parser makes has its own code: a log line can name exactly what is wrong. Never reuse a value.
namespace MinimalOS.Kernel.Elf
{
    public enum ElfError
    {
        None = 0,
        /// <summary>The file is shorter than the 64-byte ELF header.</summary>
        TruncatedHeader,
        /// <summary>The first four bytes are not 0x7F 'E' 'L' 'F'.</summary>
        BadMagic,
        /// <summary>Not ELFCLASS64.</summary>
        NotElf64,
        /// <summary>Not ELFDATA2LSB.</summary>
        NotLittleEndian,
        /// <summary>e_ident's version or e_version is not EV_CURRENT (1).</summary>
        BadVersion,
        /// <summary>The OS ABI is neither System V (0) nor GNU (3).</summary>
        UnsupportedOsAbi,
        /// <summary>e_type is not ET_EXEC: only static, non-PIE executables are loaded.</summary>
        NotExecutable,
        /// <summary>e_machine is not EM_X86_64.</summary>
        WrongMachine,
        /// <summary>e_ehsize is not 64.</summary>
        BadHeaderSize,
        /// <summary>e_phentsize is not 56.</summary>
        BadProgramHeaderSize,
        /// <summary>e_phnum is 0, or above ElfImage.MaxProgramHeaders (including PN_XNUM).</summary>
        BadProgramHeaderCount,
        /// <summary>The program header table does not lie inside the file.</summary>
        ProgramHeadersOutsideFile,
        /// <summary>A PT_DYNAMIC or PT_INTERP segment: the image wants a dynamic linker.</summary>
        DynamicImage,
        /// <summary>A segment type the loader does not know (PT_TLS among them: no thread statics).</summary>
        UnsupportedSegmentType,
        /// <summary>PT_GNU_STACK asks for an executable stack.</summary>
        ExecutableStack,
        /// <summary>More than ElfImage.MaxSegments PT_LOAD segments.</summary>
        TooManySegments,
        /// <summary>No PT_LOAD segment.</summary>
        NoLoadableSegment,
        /// <summary>A PT_LOAD segment with a memory size of 0.</summary>
        EmptySegment,
        /// <summary>p_flags has bits other than PF_R, PF_W, PF_X.</summary>
        UnknownSegmentFlags,
        /// <summary>A segment is both writable and executable (W^X).</summary>
        WritableAndExecutable,
        /// <summary>p_filesz is larger than p_memsz.</summary>
        FileSizeExceedsMemorySize,
        /// <summary>p_offset + p_filesz overflows or runs past the end of the file.</summary>
        SegmentOutsideFile,
        /// <summary>p_vaddr + p_memsz overflows or reaches past the end of the user half.</summary>
        SegmentOutsideUserHalf,
        /// <summary>A segment touches page 0 (kept unmapped so null dereferences fault).</summary>
        SegmentInPageZero,
        /// <summary>p_vaddr and p_offset differ modulo the page size, so the file cannot be mapped page by page.</summary>
        MisalignedSegment,
        /// <summary>p_align is not 0, 1 or a power of two.</summary>
        BadSegmentAlignment,
        /// <summary>Two PT_LOAD segments share a page.</summary>
        OverlappingSegments,
        /// <summary>The entry point is not inside an executable PT_LOAD segment.</summary>
        EntryNotExecutable,
    }
}
