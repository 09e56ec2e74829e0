// Which part of the boot information a warning is about.
namespace MinimalOS.Kernel.Boot
{
    public enum BootSubject : byte
    {
        BootInformation,
        TagList,
        CommandLine,
        BootLoaderName,
        ModuleList,
        ModuleString,
        MemoryMap,
        BasicMemoryInfo,
        Framebuffer,
        Rsdp,
        Ebda,
        EfiMemoryMap,
    }
}
