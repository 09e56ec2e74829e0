// The kind of display memory the loader set up. Only Rgb (direct colour) is usable by the text console;
// the others are reported so the log says why there is no framebuffer console.
namespace MinimalOS.Kernel.Boot
{
    public enum FramebufferKind : byte
    {
        None,
        Indexed,
        Rgb,
        EgaText,
        Unknown,
    }
}
