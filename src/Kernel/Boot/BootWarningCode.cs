// The kinds of problem a boot-information parser can find and work around. Each comment names what the
// warning's two values mean; BootWarning.Describe turns them into text.
namespace MinimalOS.Kernel.Boot
{
    public enum BootWarningCode : byte
    {
        /// <summary>A = address, B = bytes wanted.</summary>
        Unreadable,
        /// <summary>A = bytes readable, B = bytes needed.</summary>
        Truncated,
        NullAddress,
        /// <summary>A = address, B = bytes searched.</summary>
        Unterminated,
        /// <summary>A = characters kept.</summary>
        TextCut,
        /// <summary>A = entries given, B = entries kept.</summary>
        TooManyEntries,
        /// <summary>A = entry index, B = its size.</summary>
        EntryTooSmall,
        /// <summary>A = entry index.</summary>
        EntryPastEnd,
        /// <summary>A = leftover bytes.</summary>
        TrailingBytes,
        /// <summary>A = base, B = length.</summary>
        RegionWraps,
        /// <summary>A = base.</summary>
        EmptyRegion,
        Unsorted,
        /// <summary>A = start of the first overlap, B = its end.</summary>
        Overlap,
        DerivedFromBasicMemory,
        NoMemoryInformation,
        /// <summary>A = value, B = limit.</summary>
        ValueOutOfRange,
        /// <summary>A = start, B = end.</summary>
        InvalidRange,
        /// <summary>A = total_size.</summary>
        TotalSizeTooSmall,
        /// <summary>A = total_size, B = limit.</summary>
        TotalSizeTooLarge,
        /// <summary>A = tag offset, B = tag size.</summary>
        TagTooSmall,
        /// <summary>A = tag offset, B = tag size.</summary>
        TagPastEnd,
        /// <summary>A = tag offset, B = tag size.</summary>
        TagTooShort,
        /// <summary>A = tag offset.</summary>
        DuplicateTag,
        MissingEndTag,
        /// <summary>A = entry size, B = minimum.</summary>
        EntrySizeTooSmall,
        /// <summary>A = entry version.</summary>
        UnknownEntryVersion,
        /// <summary>A = type number.</summary>
        FramebufferTypeUnknown,
        /// <summary>A = width, B = height.</summary>
        FramebufferEmpty,
        /// <summary>A = bits per pixel.</summary>
        FramebufferDepthUnsupported,
        /// <summary>A = pitch, B = bytes in one row of pixels.</summary>
        FramebufferPitchTooSmall,
        /// <summary>A = bits per pixel.</summary>
        FramebufferColourFields,
        /// <summary>A = address, B = size in bytes.</summary>
        FramebufferWraps,
        /// <summary>A = address.</summary>
        RsdpBadSignature,
        /// <summary>A = address.</summary>
        RsdpBadChecksum,
        /// <summary>A = address.</summary>
        RsdpBadExtendedChecksum,
        /// <summary>A = address, B = length field.</summary>
        RsdpBadLength,
    }
}
