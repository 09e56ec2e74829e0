// Module start-up: ilc leaves the GC static bases (objects holding a type's reference-typed statics)
// uninitialised in the image; they are allocated here once, before any C# code touches a static.
// The module table comes from the linker (__modules section); each entry points at the module's
// ReadyToRun header, whose sections include the GC static region.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Internal.Runtime.CompilerHelpers
{
    public static unsafe class StartupCodeHelpers
    {
        private const uint ReadyToRunSignature = 0x00525452; // "RTR"
        private const int GCStaticRegionSection = 201;
        private const nint StaticUninitialized = 0x1;
        private const nint StaticHasPreinitializedData = 0x2;
        private const nint StaticFlagsMask = 0x3;

        private struct ReadyToRunHeader
        {
            public uint Signature;
            public ushort MajorVersion;
            public ushort MinorVersion;
            public uint Flags;
            public ushort NumberOfSections;
            public byte EntrySize;
            public byte EntryType;
        }

        private struct ModuleSection
        {
            public int SectionId;
            public int Flags;
            public byte* Start;
            public byte* End;
        }

        /// <summary>
        /// Prepares every module listed between <paramref name="modulesStart"/> and <paramref name="modulesEnd"/>.
        /// Returns null on success, or a reason the module table is unusable.
        /// </summary>
        public static string InitializeModules(nint* modulesStart, nint* modulesEnd)
        {
            for (nint* module = modulesStart; module < modulesEnd; module++)
            {
                ReadyToRunHeader* header = (ReadyToRunHeader*)*module;
                if (header == null)
                    continue;
                if (header->Signature != ReadyToRunSignature)
                    return "ReadyToRun header signature mismatch";
                if (header->EntrySize != sizeof(ModuleSection))
                    return "unexpected ReadyToRun section entry size";
                ModuleSection* sections = (ModuleSection*)(header + 1);
                for (int i = 0; i < header->NumberOfSections; i++)
                {
                    if (sections[i].SectionId == GCStaticRegionSection)
                        InitializeGCStatics(sections[i].Start, sections[i].End);
                }
            }
            return null;
        }

        // The region is a list of 32-bit relative pointers to static base cells. An uninitialised cell holds a
        // 32-bit relative pointer to the holder type's MethodTable, with flags in the low bits, followed by a
        // relative pointer to preinitialised data when ilc computed the values at compile time. The whole
        // 8-byte cell is then overwritten with a reference to a freshly allocated holder.
        private static void InitializeGCStatics(byte* start, byte* end)
        {
            for (byte* entry = start; entry < end; entry += sizeof(int))
            {
                nint* cell = (nint*)(entry + *(int*)entry);
                nint value = (nint)((byte*)cell + *(int*)cell);
                if ((value & StaticUninitialized) == 0)
                    continue;
                MethodTable* holderType = (MethodTable*)(value & ~StaticFlagsMask);
                object holder = RuntimeExports.RhNewObject(holderType);
                if ((value & StaticHasPreinitializedData) != 0)
                {
                    int* dataPointer = (int*)cell + 1;
                    byte* data = (byte*)dataPointer + *dataPointer;
                    Buffer.Memmove(ref holder.GetRawData(), ref *data, holderType->BaseSize - (nuint)(2 * sizeof(nint)));
                }
                *cell = *(nint*)Unsafe.AsPointer(ref holder);
            }
        }
    }
}
