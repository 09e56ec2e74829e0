// The in-kernel test framework: tests are static methods registered by name in a suite's Register method
// (there is no reflection to find them), listed in KernelTestCatalog. A test passes by returning;
// Expect.* failures and panics during a test are caught by the runner and reported as failures.
namespace MinimalOS.Kernel.Tests
{
    internal unsafe struct KernelTest
    {
        public readonly string Name;
        public readonly delegate*<void> Body;

        public KernelTest(string name, delegate*<void> body)
        {
            Name = name;
            Body = body;
        }
    }

    internal sealed unsafe class KernelTestList
    {
        private KernelTest[] _tests = new KernelTest[64];
        private int _count;

        public int Count => _count;

        public KernelTest this[int index] => _tests[index];

        /// <summary>Registers a test; names are "Suite.Test" and must be unique.</summary>
        public void Add(string name, delegate*<void> body)
        {
            if (_count == _tests.Length)
            {
                var larger = new KernelTest[_tests.Length * 2];
                for (int i = 0; i < _count; i++)
                    larger[i] = _tests[i];
                _tests = larger;
            }
            _tests[_count++] = new KernelTest(name, body);
        }
    }
}
