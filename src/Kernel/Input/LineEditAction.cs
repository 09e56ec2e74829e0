// What the line editor did with one character, so that its caller can echo it: the editor itself never
// writes anywhere (it is shared by the serial and the framebuffer console).
namespace MinimalOS.Kernel.Input
{
    public enum LineEditAction : byte
    {
        /// <summary>Nothing visible: a control character with no meaning here, or Backspace on an empty line.</summary>
        None,
        /// <summary>The character was appended: echo it.</summary>
        Appended,
        /// <summary>The last character was removed: erase it on screen ("\b \b").</summary>
        Erased,
        /// <summary>Enter: the line is complete (read it with Line, then Clear).</summary>
        Completed,
        /// <summary>Ctrl+C: the line was discarded.</summary>
        Cancelled,
        /// <summary>The line is full: the character was refused (ring the bell).</summary>
        Full,
    }
}
