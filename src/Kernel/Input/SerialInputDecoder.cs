// Turns the bytes a terminal sends over a serial line into console characters: CR, LF and CR LF each
// become one '\n'; DEL (0x7F) and BS (0x08) become '\b'; ANSI escape sequences (ESC [ ... final byte, as
// arrow keys send) are swallowed because the line editor has no use for them yet; other control bytes pass
// through (Ctrl+C = 0x03). Bytes above 0x7F are not decoded as UTF-8 (the monitor is ASCII) and are dropped.
// Runs in the serial interrupt handler: never allocates, blocks or throws.
namespace MinimalOS.Kernel.Input
{
    public sealed class SerialInputDecoder
    {
        private const byte CarriageReturn = 0x0D;
        private const byte LineFeed = 0x0A;
        private const byte Escape = 0x1B;
        private const byte Delete = 0x7F;
        private const byte BackspaceByte = 0x08;

        private enum State : byte { Text, AfterEscape, ControlSequence }

        private State _state;
        private bool _afterCarriageReturn;

        /// <summary>Bytes dropped: non-ASCII bytes and the bytes of swallowed escape sequences.</summary>
        public ulong DroppedCount { get; private set; }

        /// <summary>Feeds one received byte; true with the character when it yields one.</summary>
        public bool TryDecode(byte value, out char character)
        {
            character = '\0';
            bool afterCarriageReturn = _afterCarriageReturn;
            _afterCarriageReturn = false;
            switch (_state)
            {
                case State.AfterEscape:
                    if (value == (byte)'[')
                    {
                        _state = State.ControlSequence;
                        DroppedCount += 2;    // the ESC and the '['
                        return false;
                    }
                    // ESC then anything else: the ESC was a key of its own (the next byte is lost with it,
                    // which is how Alt+key arrives from a terminal).
                    _state = State.Text;
                    DroppedCount++;
                    character = '\x1b';
                    return true;
                case State.ControlSequence:
                    DroppedCount++;
                    // Parameter and intermediate bytes are 0x20-0x3F; a final byte in 0x40-0x7E ends it.
                    if ((value >= 0x40 && value <= 0x7E) || value < 0x20 || value > 0x7E)
                        _state = State.Text;
                    return false;
            }
            switch (value)
            {
                case CarriageReturn:
                    _afterCarriageReturn = true;
                    character = '\n';
                    return true;
                case LineFeed:
                    if (afterCarriageReturn)
                        return false;
                    character = '\n';
                    return true;
                case Delete:
                case BackspaceByte:
                    character = '\b';
                    return true;
                case Escape:
                    _state = State.AfterEscape;
                    return false;
            }
            if (value > 0x7F)
            {
                DroppedCount++;
                return false;
            }
            character = (char)value;
            return true;
        }
    }
}
