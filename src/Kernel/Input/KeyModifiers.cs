// The modifier and lock state that accompanies every key event. Left and right keys are merged: nothing
// in the kernel needs to tell them apart, and the KeyEvent's Key still says which one changed.
using System;

namespace MinimalOS.Kernel.Input
{
    [Flags]
    public enum KeyModifiers : byte
    {
        None = 0,
        Shift = 1 << 0,
        Control = 1 << 1,
        Alt = 1 << 2,
        CapsLock = 1 << 3,
        NumLock = 1 << 4,
    }
}
