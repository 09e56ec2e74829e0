// One problem found in the boot information and how it was worked around: a code, the part it concerns and
// two numbers, kept as data (tests check codes, not wording) and turned into a log line by Describe.
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Boot
{
    public readonly struct BootWarning
    {
        public BootWarning(BootWarningCode code, BootSubject subject, ulong a, ulong b)
        {
            Code = code;
            Subject = subject;
            A = a;
            B = b;
        }

        public BootWarningCode Code { get; }
        public BootSubject Subject { get; }
        public ulong A { get; }
        public ulong B { get; }

        /// <summary>Writes "subject: what is wrong; what was done about it".</summary>
        public void Describe(ref TextWriterSpan w)
        {
            w.Append(SubjectName(Subject));
            w.Append(": ");
            switch (Code)
            {
                case BootWarningCode.Unreadable:
                    w.Append("not readable at "); Hex(ref w, A); w.Append(" ("); w.AppendDecimal(B); w.Append(" bytes wanted); ignored");
                    break;
                case BootWarningCode.Truncated:
                    w.Append("only "); w.AppendDecimal(A); w.Append(" of "); w.AppendDecimal(B); w.Append(" bytes readable; the rest is ignored");
                    break;
                case BootWarningCode.NullAddress:
                    w.Append("the loader gave address 0; ignored");
                    break;
                case BootWarningCode.Unterminated:
                    w.Append("no terminating NUL within "); w.AppendDecimal(B); w.Append(" bytes at "); Hex(ref w, A); w.Append("; text cut there");
                    break;
                case BootWarningCode.TextCut:
                    w.Append("text storage full; kept the first "); w.AppendDecimal(A); w.Append(" characters");
                    break;
                case BootWarningCode.TooManyEntries:
                    w.AppendDecimal(A); w.Append(" entries; only the first "); w.AppendDecimal(B); w.Append(" are kept");
                    break;
                case BootWarningCode.EntryTooSmall:
                    w.Append("entry "); w.AppendDecimal(A); w.Append(" has size "); w.AppendDecimal(B); w.Append(", too small for an entry; the rest of the list is skipped");
                    break;
                case BootWarningCode.EntryPastEnd:
                    w.Append("entry "); w.AppendDecimal(A); w.Append(" runs past the end of the list; the rest is skipped");
                    break;
                case BootWarningCode.TrailingBytes:
                    w.AppendDecimal(A); w.Append(" bytes after the last whole entry; ignored");
                    break;
                case BootWarningCode.RegionWraps:
                    w.Append("region at "); Hex(ref w, A); w.Append(" with length "); Hex(ref w, B); w.Append(" wraps past the top of memory; clipped");
                    break;
                case BootWarningCode.EmptyRegion:
                    w.Append("empty region at "); Hex(ref w, A); w.Append(" ignored");
                    break;
                case BootWarningCode.Unsorted:
                    w.Append("not sorted by address; sorted");
                    break;
                case BootWarningCode.Overlap:
                    w.Append("regions overlap (first at "); Hex(ref w, A); w.Append('-'); Hex(ref w, B); w.Append("); each overlap takes the most restrictive kind");
                    break;
                case BootWarningCode.DerivedFromBasicMemory:
                    w.Append("none from the loader; usable RAM derived from the basic memory info");
                    break;
                case BootWarningCode.NoMemoryInformation:
                    w.Append("the loader gave neither a memory map nor basic memory info");
                    break;
                case BootWarningCode.ValueOutOfRange:
                    w.Append("value "); w.AppendDecimal(A); w.Append(" is above the limit "); w.AppendDecimal(B); w.Append("; clamped");
                    break;
                case BootWarningCode.InvalidRange:
                    w.Append("range "); Hex(ref w, A); w.Append('-'); Hex(ref w, B); w.Append(" ends before it starts; skipped");
                    break;
                case BootWarningCode.TotalSizeTooSmall:
                    w.Append("total_size "); w.AppendDecimal(A); w.Append(" is too small to hold any tag");
                    break;
                case BootWarningCode.TotalSizeTooLarge:
                    w.Append("total_size "); w.AppendDecimal(A); w.Append(" is implausibly large; only the first "); w.AppendDecimal(B); w.Append(" bytes are read");
                    break;
                case BootWarningCode.TagTooSmall:
                    w.Append("tag at offset "); w.AppendDecimal(A); w.Append(" has size "); w.AppendDecimal(B); w.Append(" (below 8); the rest of the list is skipped");
                    break;
                case BootWarningCode.TagPastEnd:
                    w.Append("tag at offset "); w.AppendDecimal(A); w.Append(" with size "); w.AppendDecimal(B); w.Append(" runs past total_size; the rest of the list is skipped");
                    break;
                case BootWarningCode.TagTooShort:
                    w.Append("tag at offset "); w.AppendDecimal(A); w.Append(" has size "); w.AppendDecimal(B); w.Append(", too small for its fields; skipped");
                    break;
                case BootWarningCode.DuplicateTag:
                    w.Append("another tag at offset "); w.AppendDecimal(A); w.Append(" ignored; the first one is used");
                    break;
                case BootWarningCode.MissingEndTag:
                    w.Append("no end tag");
                    break;
                case BootWarningCode.EntrySizeTooSmall:
                    w.Append("entry size "); w.AppendDecimal(A); w.Append(" is smaller than "); w.AppendDecimal(B); w.Append("; skipped");
                    break;
                case BootWarningCode.UnknownEntryVersion:
                    w.Append("entry version "); w.AppendDecimal(A); w.Append(" is unknown; read as version 0");
                    break;
                case BootWarningCode.FramebufferTypeUnknown:
                    w.Append("type "); w.AppendDecimal(A); w.Append(" is unknown; not used");
                    break;
                case BootWarningCode.FramebufferEmpty:
                    w.AppendDecimal(A); w.Append('x'); w.AppendDecimal(B); w.Append(" has no pixels; not used");
                    break;
                case BootWarningCode.FramebufferDepthUnsupported:
                    w.AppendDecimal(A); w.Append(" bits per pixel is not supported for RGB; not used");
                    break;
                case BootWarningCode.FramebufferPitchTooSmall:
                    w.Append("pitch "); w.AppendDecimal(A); w.Append(" is smaller than one row ("); w.AppendDecimal(B); w.Append(" bytes); not used");
                    break;
                case BootWarningCode.FramebufferColourFields:
                    w.Append("colour fields do not fit in "); w.AppendDecimal(A); w.Append(" bits per pixel; not used");
                    break;
                case BootWarningCode.FramebufferWraps:
                    w.Append("at "); Hex(ref w, A); w.Append(" with "); w.AppendDecimal(B); w.Append(" bytes wraps past the top of memory; not used");
                    break;
                case BootWarningCode.RsdpBadSignature:
                    w.Append("no \"RSD PTR \" signature at "); Hex(ref w, A); w.Append("; ignored");
                    break;
                case BootWarningCode.RsdpBadChecksum:
                    w.Append("checksum of the structure at "); Hex(ref w, A); w.Append(" is wrong; ignored");
                    break;
                case BootWarningCode.RsdpBadExtendedChecksum:
                    w.Append("extended (ACPI 2.0) checksum at "); Hex(ref w, A); w.Append(" is wrong; XSDT ignored, RSDT used");
                    break;
                case BootWarningCode.RsdpBadLength:
                    w.Append("length field "); w.AppendDecimal(B); w.Append(" at "); Hex(ref w, A); w.Append(" is invalid; XSDT ignored, RSDT used");
                    break;
                default:
                    w.Append("warning "); w.AppendDecimal((ulong)Code);
                    break;
            }
        }

        private static void Hex(ref TextWriterSpan w, ulong value)
        {
            w.Append("0x");
            w.AppendHex(value);
        }

        private static string SubjectName(BootSubject subject) => subject switch
        {
            BootSubject.BootInformation => "boot information",
            BootSubject.TagList => "tag list",
            BootSubject.CommandLine => "command line",
            BootSubject.BootLoaderName => "boot loader name",
            BootSubject.ModuleList => "module list",
            BootSubject.ModuleString => "module string",
            BootSubject.MemoryMap => "memory map",
            BootSubject.BasicMemoryInfo => "basic memory info",
            BootSubject.Framebuffer => "framebuffer",
            BootSubject.Rsdp => "ACPI RSDP",
            BootSubject.Ebda => "EBDA",
            BootSubject.EfiMemoryMap => "EFI memory map",
            _ => "boot information",
        };
    }
}
