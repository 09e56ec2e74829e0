// Host tests of the shared text pool for loader strings: capacity, cutting, and the parser reporting cut
// text.
using System.Text;
using MinimalOS.Kernel.Boot;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class BootTextPoolTests
    {
        [Fact]
        public void SharesOneBufferAndCutsWhatDoesNotFit()
        {
            var pool = new BootTextPool(8);

            BootText first = pool.Add(Encoding.ASCII.GetBytes("hello"), out bool firstCut);
            BootText second = pool.Add(Encoding.ASCII.GetBytes("world"), out bool secondCut);
            BootText third = pool.Add(Encoding.ASCII.GetBytes("!"), out bool thirdCut);

            Assert.Equal("hello", new string(first.Span));
            Assert.False(firstCut);
            Assert.Equal("wor", new string(second.Span));
            Assert.True(secondCut);
            Assert.True(third.IsEmpty);
            Assert.True(thirdCut);
        }

        [Fact]
        public void CutTextIsReportedByTheParser()
        {
            var image = new Multiboot2Image();
            for (int i = 0; i < 9; i++)
                image.Module(0x100000, 0x100001, new string('m', LoaderStrings.MaxModuleString - 1));

            BootInfo info = image.End().Parse();

            Assert.True(info.Warnings.Contains(BootWarningCode.TextCut));
            Assert.Equal(9, info.Modules.Count);
        }
    }
}
