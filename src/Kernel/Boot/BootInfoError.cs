// Why boot information could not be read at all. Any error means the BootInfo carries no data; lesser
// problems are warnings and the rest of the information is kept.
namespace MinimalOS.Kernel.Boot
{
    public enum BootInfoError : byte
    {
        None,
        /// <summary>The entry magic matches neither Multiboot 1 nor Multiboot 2.</summary>
        UnrecognizedMagic,
        /// <summary>The boot information structure itself is not readable (or too short to have a header).</summary>
        InformationUnreadable,
    }
}
