// Decodes PS/2 scancode set 1 (what the i8042 delivers by default, translating the keyboard's set 2) into
// key events, tracking Shift/Ctrl/Alt and the CapsLock/NumLock toggles. Fed one byte at a time from the
// keyboard interrupt, so it must never allocate, block or throw: codes it does not know (controller
// replies such as 0xFA, error bytes, unassigned codes, a broken Pause sequence) are counted and dropped.
namespace MinimalOS.Kernel.Input
{
    public sealed class ScancodeSet1Decoder
    {
        private const byte BreakBit = 0x80;
        private const byte ExtendedPrefix = 0xE0;
        private const byte PausePrefix = 0xE1;
        // E0 2A / E0 AA (and E0 36 / E0 B6) are "fake shifts" the keyboard wraps around navigation keys and
        // PrintScreen; they are not real Shift presses.
        private const byte FakeLeftShift = 0x2A;
        private const byte FakeRightShift = 0x36;

        // Pause sends E1 1D 45 E1 9D C5 on press and nothing on release.
        private const int PauseSequenceLength = 6;

        private bool _extended;
        private int _pauseProgress;
        private bool _leftShift, _rightShift, _leftControl, _rightControl, _leftAlt, _rightAlt;
        private bool _capsLock, _numLock;

        /// <summary>Bytes dropped because they name no key (or broke a multi-byte sequence).</summary>
        public ulong UnknownCount { get; private set; }

        public KeyModifiers Modifiers
        {
            get
            {
                KeyModifiers modifiers = KeyModifiers.None;
                if (_leftShift || _rightShift) modifiers |= KeyModifiers.Shift;
                if (_leftControl || _rightControl) modifiers |= KeyModifiers.Control;
                if (_leftAlt || _rightAlt) modifiers |= KeyModifiers.Alt;
                if (_capsLock) modifiers |= KeyModifiers.CapsLock;
                if (_numLock) modifiers |= KeyModifiers.NumLock;
                return modifiers;
            }
        }

        /// <summary>Feeds one byte; true with the event when it completes a key press or release.</summary>
        public bool TryDecode(byte scancode, out KeyEvent keyEvent)
        {
            keyEvent = default;
            if (_pauseProgress > 0)
                return ContinuePause(scancode, out keyEvent);
            if (scancode == PausePrefix)
            {
                _extended = false;
                _pauseProgress = 1;
                return false;
            }
            if (scancode == ExtendedPrefix)
            {
                _extended = true;
                return false;
            }
            bool extended = _extended;
            _extended = false;
            bool pressed = (scancode & BreakBit) == 0;
            byte code = (byte)(scancode & ~BreakBit);
            if (extended && (code == FakeLeftShift || code == FakeRightShift))
                return false;
            Key key = extended ? ExtendedKey(code) : BaseKey(code);
            if (key == Key.None)
            {
                UnknownCount++;
                return false;
            }
            Track(key, pressed);
            keyEvent = new KeyEvent(key, pressed, Modifiers, pressed ? UsKeyboardLayout.Character(key, Modifiers) : '\0');
            return true;
        }

        private bool ContinuePause(byte scancode, out KeyEvent keyEvent)
        {
            keyEvent = default;
            if (scancode != PauseByte(_pauseProgress))
            {
                _pauseProgress = 0;
                UnknownCount++;
                // The byte that broke the sequence may start a key of its own.
                return TryDecode(scancode, out keyEvent);
            }
            _pauseProgress++;
            if (_pauseProgress < PauseSequenceLength)
                return false;
            _pauseProgress = 0;
            keyEvent = new KeyEvent(Key.Pause, true, Modifiers, '\0');
            return true;
        }

        private static byte PauseByte(int index) => index switch
        {
            0 or 3 => PausePrefix,
            1 => 0x1D,
            2 => 0x45,
            4 => 0x9D,
            _ => 0xC5,
        };

        private void Track(Key key, bool pressed)
        {
            switch (key)
            {
                case Key.LeftShift: _leftShift = pressed; break;
                case Key.RightShift: _rightShift = pressed; break;
                case Key.LeftControl: _leftControl = pressed; break;
                case Key.RightControl: _rightControl = pressed; break;
                case Key.LeftAlt: _leftAlt = pressed; break;
                case Key.RightAlt: _rightAlt = pressed; break;
                // Typematic repeat sends more make codes while the key is held: toggle on make only,
                // which a held lock key therefore flips repeatedly, as on a PC.
                case Key.CapsLock when pressed: _capsLock = !_capsLock; break;
                case Key.NumLock when pressed: _numLock = !_numLock; break;
            }
        }

        private static Key BaseKey(byte code)
        {
            switch (code)
            {
                case 0x01: return Key.Escape;
                case >= 0x02 and <= 0x0A: return (Key)((int)Key.D1 + code - 0x02);
                case 0x0B: return Key.D0;
                case 0x0C: return Key.Minus;
                case 0x0D: return Key.Equals;
                case 0x0E: return Key.Backspace;
                case 0x0F: return Key.Tab;
                case 0x10: return Key.Q;
                case 0x11: return Key.W;
                case 0x12: return Key.E;
                case 0x13: return Key.R;
                case 0x14: return Key.T;
                case 0x15: return Key.Y;
                case 0x16: return Key.U;
                case 0x17: return Key.I;
                case 0x18: return Key.O;
                case 0x19: return Key.P;
                case 0x1A: return Key.LeftBracket;
                case 0x1B: return Key.RightBracket;
                case 0x1C: return Key.Enter;
                case 0x1D: return Key.LeftControl;
                case 0x1E: return Key.A;
                case 0x1F: return Key.S;
                case 0x20: return Key.D;
                case 0x21: return Key.F;
                case 0x22: return Key.G;
                case 0x23: return Key.H;
                case 0x24: return Key.J;
                case 0x25: return Key.K;
                case 0x26: return Key.L;
                case 0x27: return Key.Semicolon;
                case 0x28: return Key.Apostrophe;
                case 0x29: return Key.Grave;
                case 0x2A: return Key.LeftShift;
                case 0x2B: return Key.Backslash;
                case 0x2C: return Key.Z;
                case 0x2D: return Key.X;
                case 0x2E: return Key.C;
                case 0x2F: return Key.V;
                case 0x30: return Key.B;
                case 0x31: return Key.N;
                case 0x32: return Key.M;
                case 0x33: return Key.Comma;
                case 0x34: return Key.Period;
                case 0x35: return Key.Slash;
                case 0x36: return Key.RightShift;
                case 0x37: return Key.KeypadMultiply;
                case 0x38: return Key.LeftAlt;
                case 0x39: return Key.Space;
                case 0x3A: return Key.CapsLock;
                case >= 0x3B and <= 0x44: return (Key)((int)Key.F1 + code - 0x3B);
                case 0x45: return Key.NumLock;
                case 0x46: return Key.ScrollLock;
                case 0x47: return Key.Keypad7;
                case 0x48: return Key.Keypad8;
                case 0x49: return Key.Keypad9;
                case 0x4A: return Key.KeypadMinus;
                case 0x4B: return Key.Keypad4;
                case 0x4C: return Key.Keypad5;
                case 0x4D: return Key.Keypad6;
                case 0x4E: return Key.KeypadPlus;
                case 0x4F: return Key.Keypad1;
                case 0x50: return Key.Keypad2;
                case 0x51: return Key.Keypad3;
                case 0x52: return Key.Keypad0;
                case 0x53: return Key.KeypadPeriod;
                case 0x57: return Key.F11;
                case 0x58: return Key.F12;
                default: return Key.None;
            }
        }

        private static Key ExtendedKey(byte code) => code switch
        {
            0x1C => Key.KeypadEnter,
            0x1D => Key.RightControl,
            0x35 => Key.KeypadDivide,
            0x37 => Key.PrintScreen,
            0x38 => Key.RightAlt,
            0x47 => Key.Home,
            0x48 => Key.Up,
            0x49 => Key.PageUp,
            0x4B => Key.Left,
            0x4D => Key.Right,
            0x4F => Key.End,
            0x50 => Key.Down,
            0x51 => Key.PageDown,
            0x52 => Key.Insert,
            0x53 => Key.Delete,
            0x5B => Key.LeftGui,
            0x5C => Key.RightGui,
            0x5D => Key.Menu,
            _ => Key.None,
        };
    }
}
