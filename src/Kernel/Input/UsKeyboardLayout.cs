// The US keyboard layout: which character a key types given the modifiers. Pure mapping, no state; it must
// never depend on a scancode set. Enter types '\n', Backspace '\b', Tab '\t', Escape '\x1b'; Ctrl with a
// letter types the matching control character (Ctrl+C = 0x03) as terminals do.
namespace MinimalOS.Kernel.Input
{
    public static class UsKeyboardLayout
    {
        private const string Digits = "0123456789";
        private const string ShiftedDigits = ")!@#$%^&*(";

        /// <summary>The character <paramref name="key"/> types, or '\0' when it types none.</summary>
        public static char Character(Key key, KeyModifiers modifiers)
        {
            bool shift = (modifiers & KeyModifiers.Shift) != 0;
            if (key >= Key.A && key <= Key.Z)
            {
                int letter = key - Key.A;
                if ((modifiers & KeyModifiers.Control) != 0)
                    return (char)(letter + 1);
                // CapsLock inverts Shift for letters only.
                bool upper = shift != ((modifiers & KeyModifiers.CapsLock) != 0);
                return (char)((upper ? 'A' : 'a') + letter);
            }
            if (key >= Key.D0 && key <= Key.D9)
                return (shift ? ShiftedDigits : Digits)[key - Key.D0];
            if (key >= Key.Keypad0 && key <= Key.Keypad9)
                return (modifiers & KeyModifiers.NumLock) != 0 ? Digits[key - Key.Keypad0] : '\0';
            return key switch
            {
                Key.Grave => shift ? '~' : '`',
                Key.Minus => shift ? '_' : '-',
                Key.Equals => shift ? '+' : '=',
                Key.LeftBracket => shift ? '{' : '[',
                Key.RightBracket => shift ? '}' : ']',
                Key.Backslash => shift ? '|' : '\\',
                Key.Semicolon => shift ? ':' : ';',
                Key.Apostrophe => shift ? '"' : '\'',
                Key.Comma => shift ? '<' : ',',
                Key.Period => shift ? '>' : '.',
                Key.Slash => shift ? '?' : '/',
                Key.Space => ' ',
                Key.Enter or Key.KeypadEnter => '\n',
                Key.Backspace => '\b',
                Key.Tab => '\t',
                Key.Escape => '\x1b',
                Key.KeypadPeriod => (modifiers & KeyModifiers.NumLock) != 0 ? '.' : '\0',
                Key.KeypadPlus => '+',
                Key.KeypadMinus => '-',
                Key.KeypadMultiply => '*',
                Key.KeypadDivide => '/',
                _ => '\0',
            };
        }
    }
}
