// Everything the boot loader told the kernel, parsed from either Multiboot version into one typed form:
// protocol, loader name, command line, memory map, framebuffer, ACPI RSDP, modules, and the warnings met on
// the way. Filled only by the parsers; after parsing it is read-only by convention. When Error is set the
// magic or the structure was unusable and the BootInfo holds no data.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public sealed class BootInfo
    {
        /// <summary>Characters for all texts together (command line, loader name, module strings).</summary>
        public const int TextCapacity = 8192;

        internal BootInfo(BootProtocol protocol)
        {
            Protocol = protocol;
            TextPool = new BootTextPool(TextCapacity);
        }

        private BootInfo(BootProtocol protocol, BootInfoError error, ulong errorDetail)
        {
            Protocol = protocol;
            Error = error;
            ErrorDetail = errorDetail;
            TextPool = new BootTextPool(0);
        }

        public static BootInfo Failed(BootProtocol protocol, BootInfoError error, ulong detail) => new BootInfo(protocol, error, detail);

        public BootProtocol Protocol { get; }
        public BootInfoError Error { get; }

        /// <summary>The unrecognized magic, or the address of the unreadable structure.</summary>
        public ulong ErrorDetail { get; }

        public BootWarnings Warnings { get; } = new BootWarnings();
        public MemoryMap MemoryMap { get; } = new MemoryMap();
        public BootModules Modules { get; } = new BootModules();

        public BootText CommandLine { get; internal set; }
        public BootText BootLoaderName { get; internal set; }

        /// <summary>
        /// The command line's first word is the kernel's file name, not an option. QEMU's Multiboot 1 loader
        /// (-kernel) does this; GRUB passes only the arguments.
        /// </summary>
        public bool CommandLineStartsWithImageName { get; internal set; }

        public bool HasBasicMemory { get; private set; }
        public BasicMemoryInfo BasicMemory { get; private set; }

        public FramebufferKind FramebufferKind { get; private set; }

        /// <summary>Geometry as reported; colour fields are set only for Rgb. Draw on it only if HasUsableFramebuffer.</summary>
        public FramebufferInfo Framebuffer { get; private set; }
        public bool HasUsableFramebuffer { get; private set; }

        public bool HasRsdp { get; private set; }
        public RsdpInfo Rsdp { get; private set; }

        /// <summary>Descriptors in the Multiboot 2 EFI memory map tag, or -1 when there was none.</summary>
        public int EfiMemoryMapDescriptors { get; internal set; } = -1;

        /// <summary>Multiboot 2 tag types below 64 that were present and not used, as a bit mask.</summary>
        public ulong IgnoredTagTypes { get; internal set; }

        internal BootTextPool TextPool { get; }

        /// <summary>Where the loader's information structure itself lies (the memory manager keeps it reserved).
        /// Multiboot 2: the whole tag list; Multiboot 1: the fixed fields (the map, module list and strings it
        /// points to are copied while parsing and not needed afterwards).</summary>
        public PhysicalAddress InformationAddress { get; private set; }

        public ulong InformationLength { get; private set; }

        internal void SetInformationRange(PhysicalAddress address, ulong length)
        {
            InformationAddress = address;
            InformationLength = length;
        }

        internal void SetBasicMemory(uint lowerKiB, uint upperKiB)
        {
            if (lowerKiB > BasicMemoryInfo.MaxLowerKiB)
            {
                Warnings.Add(BootWarningCode.ValueOutOfRange, BootSubject.BasicMemoryInfo, lowerKiB, BasicMemoryInfo.MaxLowerKiB);
                lowerKiB = BasicMemoryInfo.MaxLowerKiB;
            }
            BasicMemory = new BasicMemoryInfo(lowerKiB, upperKiB);
            HasBasicMemory = true;
        }

        internal void SetFramebuffer(FramebufferKind kind, FramebufferInfo framebuffer, bool usable)
        {
            FramebufferKind = kind;
            Framebuffer = framebuffer;
            HasUsableFramebuffer = usable;
        }

        internal void SetRsdp(RsdpInfo rsdp)
        {
            Rsdp = rsdp;
            HasRsdp = true;
        }

        /// <summary>Called by a parser when it is done: finishes the memory map and the module list.</summary>
        internal void Complete()
        {
            if (MemoryMap.Count == 0)
            {
                if (HasBasicMemory)
                {
                    Warnings.Add(BootWarningCode.DerivedFromBasicMemory, BootSubject.MemoryMap);
                    if (BasicMemory.LowerKiB != 0)
                        MemoryMap.Add(0, (ulong)BasicMemory.LowerKiB * 1024, MemoryKind.Usable, MultibootMemoryType.Available, Warnings);
                    if (BasicMemory.UpperKiB != 0)
                        MemoryMap.Add(0x100000, (ulong)BasicMemory.UpperKiB * 1024, MemoryKind.Usable, MultibootMemoryType.Available, Warnings);
                }
                else
                {
                    Warnings.Add(BootWarningCode.NoMemoryInformation, BootSubject.MemoryMap);
                }
            }
            MemoryMap.Complete(Warnings);
            Modules.Complete(Warnings);
        }
    }
}
