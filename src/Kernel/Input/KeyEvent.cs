// One key going down (or repeating) or up, with the modifiers in force and the character it types under
// the US layout ('\0' when it types none, and always '\0' for releases). A value type: decoders produce it
// inside interrupt handlers, so it must never allocate.
namespace MinimalOS.Kernel.Input
{
    public readonly struct KeyEvent
    {
        public KeyEvent(Key key, bool pressed, KeyModifiers modifiers, char character)
        {
            Key = key;
            Pressed = pressed;
            Modifiers = modifiers;
            Character = character;
        }

        public Key Key { get; }

        /// <summary>True for make codes (a press or typematic repeat), false for break codes.</summary>
        public bool Pressed { get; }

        public KeyModifiers Modifiers { get; }

        /// <summary>The UTF-16 character typed, or '\0'.</summary>
        public char Character { get; }
    }
}
