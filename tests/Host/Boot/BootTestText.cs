// Makes BootText from test strings the way the parsers do (through a BootTextPool).
using System.Text;
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Tests.Host.Boot
{
    internal static class BootTestText
    {
        public static BootText From(string text)
        {
            var pool = new BootTextPool(text.Length);
            return pool.Add(Encoding.ASCII.GetBytes(text), out _);
        }
    }
}
