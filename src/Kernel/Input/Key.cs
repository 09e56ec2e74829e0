// The keys of a US PC keyboard, independent of any scancode set: decoders map hardware codes to these and
// the rest of the kernel only ever sees them. Must never carry layout meaning (that is UsKeyboardLayout).
namespace MinimalOS.Kernel.Input
{
    public enum Key : byte
    {
        None,
        A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z,
        D0, D1, D2, D3, D4, D5, D6, D7, D8, D9,
        Grave, Minus, Equals, LeftBracket, RightBracket, Backslash, Semicolon, Apostrophe, Comma, Period, Slash,
        Space, Enter, Backspace, Tab, Escape,
        Up, Down, Left, Right, Home, End, PageUp, PageDown, Insert, Delete,
        F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
        LeftShift, RightShift, LeftControl, RightControl, LeftAlt, RightAlt, LeftGui, RightGui, Menu,
        CapsLock, NumLock, ScrollLock,
        Keypad0, Keypad1, Keypad2, Keypad3, Keypad4, Keypad5, Keypad6, Keypad7, Keypad8, Keypad9,
        KeypadPeriod, KeypadPlus, KeypadMinus, KeypadMultiply, KeypadDivide, KeypadEnter,
        PrintScreen, Pause,
    }
}
