// Host tests of the PS/2 scancode set 1 decoder: every key category, make/break, the E0 extended keys and
// fake shifts, modifiers, CapsLock with Shift, NumLock on the keypad, unknown codes and the Pause sequence.
using System.Collections.Generic;
using MinimalOS.Kernel.Input;
using Xunit;

namespace MinimalOS.Tests.Host.Input
{
    public class ScancodeSet1DecoderTests
    {
        private static List<KeyEvent> Feed(ScancodeSet1Decoder decoder, params byte[] codes)
        {
            var events = new List<KeyEvent>();
            foreach (byte code in codes)
            {
                if (decoder.TryDecode(code, out KeyEvent e))
                    events.Add(e);
            }
            return events;
        }

        private static KeyEvent Single(ScancodeSet1Decoder decoder, params byte[] codes) => Assert.Single(Feed(decoder, codes));

        [Theory]
        [InlineData(0x1E, Key.A, 'a')]
        [InlineData(0x2C, Key.Z, 'z')]
        [InlineData(0x10, Key.Q, 'q')]
        [InlineData(0x02, Key.D1, '1')]
        [InlineData(0x0B, Key.D0, '0')]
        [InlineData(0x0C, Key.Minus, '-')]
        [InlineData(0x0D, Key.Equals, '=')]
        [InlineData(0x1A, Key.LeftBracket, '[')]
        [InlineData(0x2B, Key.Backslash, '\\')]
        [InlineData(0x27, Key.Semicolon, ';')]
        [InlineData(0x28, Key.Apostrophe, '\'')]
        [InlineData(0x29, Key.Grave, '`')]
        [InlineData(0x33, Key.Comma, ',')]
        [InlineData(0x34, Key.Period, '.')]
        [InlineData(0x35, Key.Slash, '/')]
        [InlineData(0x39, Key.Space, ' ')]
        [InlineData(0x1C, Key.Enter, '\n')]
        [InlineData(0x0E, Key.Backspace, '\b')]
        [InlineData(0x0F, Key.Tab, '\t')]
        [InlineData(0x01, Key.Escape, '\x1b')]
        [InlineData(0x3B, Key.F1, '\0')]
        [InlineData(0x44, Key.F10, '\0')]
        [InlineData(0x57, Key.F11, '\0')]
        [InlineData(0x58, Key.F12, '\0')]
        [InlineData(0x37, Key.KeypadMultiply, '*')]
        public void DecodesMakeAndBreakCodes(byte make, Key key, char character)
        {
            var decoder = new ScancodeSet1Decoder();
            KeyEvent press = Single(decoder, make);
            Assert.Equal(key, press.Key);
            Assert.True(press.Pressed);
            Assert.Equal(character, press.Character);

            KeyEvent release = Single(decoder, (byte)(make | 0x80));
            Assert.Equal(key, release.Key);
            Assert.False(release.Pressed);
            Assert.Equal('\0', release.Character);
        }

        [Theory]
        [InlineData(0x48, Key.Up)]
        [InlineData(0x50, Key.Down)]
        [InlineData(0x4B, Key.Left)]
        [InlineData(0x4D, Key.Right)]
        [InlineData(0x47, Key.Home)]
        [InlineData(0x4F, Key.End)]
        [InlineData(0x49, Key.PageUp)]
        [InlineData(0x51, Key.PageDown)]
        [InlineData(0x52, Key.Insert)]
        [InlineData(0x53, Key.Delete)]
        [InlineData(0x1D, Key.RightControl)]
        [InlineData(0x38, Key.RightAlt)]
        [InlineData(0x1C, Key.KeypadEnter)]
        [InlineData(0x35, Key.KeypadDivide)]
        public void DecodesExtendedKeys(byte code, Key key)
        {
            var decoder = new ScancodeSet1Decoder();
            KeyEvent press = Single(decoder, 0xE0, code);
            Assert.Equal(key, press.Key);
            Assert.True(press.Pressed);
            KeyEvent release = Single(decoder, 0xE0, (byte)(code | 0x80));
            Assert.Equal(key, release.Key);
            Assert.False(release.Pressed);
            // The prefix applies to one code only: the same code without it is the keypad/left key again.
            Assert.NotEqual(key, Single(decoder, code).Key);
        }

        [Fact]
        public void IgnoresFakeShiftsAroundExtendedKeys()
        {
            var decoder = new ScancodeSet1Decoder();
            // PrintScreen: E0 2A E0 37, released as E0 B7 E0 AA.
            List<KeyEvent> events = Feed(decoder, 0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7, 0xE0, 0xAA);
            Assert.Equal(2, events.Count);
            Assert.All(events, e => Assert.Equal(Key.PrintScreen, e.Key));
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
        }

        [Fact]
        public void ShiftChangesDigitsPunctuationAndLetters()
        {
            var decoder = new ScancodeSet1Decoder();
            Feed(decoder, 0x2A);
            Assert.Equal(KeyModifiers.Shift, decoder.Modifiers);
            Assert.Equal('A', Single(decoder, 0x1E).Character);
            Assert.Equal('!', Single(decoder, 0x02).Character);
            Assert.Equal(')', Single(decoder, 0x0B).Character);
            Assert.Equal('?', Single(decoder, 0x35).Character);
            Assert.Equal('"', Single(decoder, 0x28).Character);
            Assert.Equal('~', Single(decoder, 0x29).Character);
            Feed(decoder, 0xAA);
            Assert.Equal('a', Single(decoder, 0x1E).Character);
        }

        [Fact]
        public void EitherShiftHoldsShiftUntilBothAreReleased()
        {
            var decoder = new ScancodeSet1Decoder();
            Feed(decoder, 0x2A, 0x36, 0xAA);
            Assert.Equal(KeyModifiers.Shift, decoder.Modifiers);
            Feed(decoder, 0xB6);
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
        }

        [Fact]
        public void CapsLockTogglesLettersOnlyAndShiftInvertsIt()
        {
            var decoder = new ScancodeSet1Decoder();
            Feed(decoder, 0x3A, 0xBA);
            Assert.Equal(KeyModifiers.CapsLock, decoder.Modifiers);
            Assert.Equal('A', Single(decoder, 0x1E).Character);
            Assert.Equal('1', Single(decoder, 0x02).Character);
            Feed(decoder, 0x2A);
            KeyEvent shifted = Single(decoder, 0x1E);
            Assert.Equal('a', shifted.Character);
            Assert.Equal(KeyModifiers.Shift | KeyModifiers.CapsLock, shifted.Modifiers);
            Assert.Equal('!', Single(decoder, 0x02).Character);
            Feed(decoder, 0xAA, 0x3A, 0xBA);
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
            Assert.Equal('a', Single(decoder, 0x1E).Character);
        }

        [Fact]
        public void ControlAndAltAreTrackedAndControlMakesControlCharacters()
        {
            var decoder = new ScancodeSet1Decoder();
            Feed(decoder, 0x1D, 0x38);
            Assert.Equal(KeyModifiers.Control | KeyModifiers.Alt, decoder.Modifiers);
            Assert.Equal('\x03', Single(decoder, 0x2E).Character);
            Feed(decoder, 0x9D, 0xB8, 0xE0, 0x1D);
            Assert.Equal(KeyModifiers.Control, decoder.Modifiers);
            Feed(decoder, 0xE0, 0x9D);
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
        }

        [Fact]
        public void NumLockSelectsKeypadDigits()
        {
            var decoder = new ScancodeSet1Decoder();
            KeyEvent navigation = Single(decoder, 0x47);
            Assert.Equal(Key.Keypad7, navigation.Key);
            Assert.Equal('\0', navigation.Character);
            Feed(decoder, 0x45, 0xC5);
            Assert.Equal(KeyModifiers.NumLock, decoder.Modifiers);
            Assert.Equal('7', Single(decoder, 0x47).Character);
            Assert.Equal('.', Single(decoder, 0x53).Character);
        }

        [Theory]
        [InlineData(0x00)]
        [InlineData(0xFF)]
        [InlineData(0xFA)]
        [InlineData(0x54)]
        [InlineData(0x7F)]
        public void DropsUnknownCodesAndCountsThem(byte code)
        {
            var decoder = new ScancodeSet1Decoder();
            Assert.False(decoder.TryDecode(code, out _));
            Assert.Equal(1UL, decoder.UnknownCount);
            Assert.Equal(Key.A, Single(decoder, 0x1E).Key);
        }

        [Fact]
        public void DropsUnknownExtendedCodes()
        {
            var decoder = new ScancodeSet1Decoder();
            Assert.Empty(Feed(decoder, 0xE0, 0x10));
            Assert.Equal(1UL, decoder.UnknownCount);
            Assert.Equal(Key.Q, Single(decoder, 0x10).Key);
        }

        [Fact]
        public void DecodesThePauseSequenceAsOnePress()
        {
            var decoder = new ScancodeSet1Decoder();
            KeyEvent pause = Single(decoder, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
            Assert.Equal(Key.Pause, pause.Key);
            Assert.True(pause.Pressed);
            // Its 1D and 45 bytes must not leak out as Control or NumLock.
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
            Assert.Equal(0UL, decoder.UnknownCount);
        }

        [Fact]
        public void ABrokenPauseSequenceIsDroppedAndTheBreakingByteDecoded()
        {
            var decoder = new ScancodeSet1Decoder();
            KeyEvent e = Single(decoder, 0xE1, 0x1D, 0x1E);
            Assert.Equal(Key.A, e.Key);
            Assert.Equal(1UL, decoder.UnknownCount);
            Assert.Equal(KeyModifiers.None, decoder.Modifiers);
        }
    }
}
