// Host tests of the line editor: appending, backspace, Enter, Ctrl+C, control characters and a full line.
using MinimalOS.Kernel.Input;
using Xunit;

namespace MinimalOS.Tests.Host.Input
{
    public class LineEditorTests
    {
        [Fact]
        public void AppendsAndCompletesOnEnter()
        {
            var editor = new LineEditor(16);
            foreach (char c in "mem")
                Assert.Equal(LineEditAction.Appended, editor.Feed(c));
            Assert.Equal(LineEditAction.Completed, editor.Feed('\n'));
            Assert.Equal("mem", editor.Line.ToString());
            editor.Clear();
            Assert.Equal(0, editor.Line.Length);
        }

        [Fact]
        public void BackspaceErasesTheLastCharacterAndNothingOnAnEmptyLine()
        {
            var editor = new LineEditor(16);
            Assert.Equal(LineEditAction.None, editor.Feed('\b'));
            editor.Feed('a');
            editor.Feed('x');
            Assert.Equal(LineEditAction.Erased, editor.Feed('\b'));
            editor.Feed('b');
            Assert.Equal("ab", editor.Line.ToString());
        }

        [Fact]
        public void ControlCDiscardsTheLine()
        {
            var editor = new LineEditor(16);
            editor.Feed('a');
            Assert.Equal(LineEditAction.Cancelled, editor.Feed('\x03'));
            Assert.Equal(0, editor.Line.Length);
        }

        [Fact]
        public void OtherControlCharactersAreIgnoredAndTabIsASpace()
        {
            var editor = new LineEditor(16);
            Assert.Equal(LineEditAction.None, editor.Feed('\x1b'));
            Assert.Equal(LineEditAction.None, editor.Feed('\x7f'));
            Assert.Equal(LineEditAction.Appended, editor.Feed('\t'));
            Assert.Equal(" ", editor.Line.ToString());
        }

        [Fact]
        public void AFullLineRefusesMoreButStillEditsAndCompletes()
        {
            var editor = new LineEditor(3);
            foreach (char c in "abc")
                editor.Feed(c);
            Assert.Equal(LineEditAction.Full, editor.Feed('d'));
            Assert.Equal(LineEditAction.Erased, editor.Feed('\b'));
            Assert.Equal(LineEditAction.Appended, editor.Feed('z'));
            Assert.Equal(LineEditAction.Completed, editor.Feed('\n'));
            Assert.Equal("abz", editor.Line.ToString());
        }
    }
}
