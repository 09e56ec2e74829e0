// A fake IKernelLock for host tests: fails the test on a nested acquire or a release it does not hold,
// counts both, and writes its name to a shared journal so tests can check the order locks are taken in.
using System.Collections.Generic;
using MinimalOS.Kernel.Sync;
using Xunit;

namespace MinimalOS.Tests.Host.Memory
{
    internal sealed class RecordingLock : IKernelLock
    {
        private readonly string _name;
        private readonly List<string> _journal;

        public RecordingLock(string name, List<string> journal = null)
        {
            _name = name;
            _journal = journal ?? new List<string>();
        }

        public bool Held { get; private set; }
        public int Acquires { get; private set; }
        public int Releases { get; private set; }

        public void Acquire()
        {
            Assert.False(Held, $"lock {_name} taken again by its holder");
            Held = true;
            Acquires++;
            _journal.Add("+" + _name);
        }

        public void Release()
        {
            Assert.True(Held, $"lock {_name} released while not held");
            Held = false;
            Releases++;
            _journal.Add("-" + _name);
        }
    }
}
