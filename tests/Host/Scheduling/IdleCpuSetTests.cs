// Host tests of the idle-CPU set: marking, the "other than me" queries, and claiming, which must hand out
// each idle CPU once so that a burst of new threads spreads - also when many threads claim at once.
using System.Collections.Concurrent;
using System.Threading.Tasks;
using MinimalOS.Kernel.Scheduling;
using Xunit;

namespace MinimalOS.Tests.Host.Scheduling
{
    public sealed class IdleCpuSetTests
    {
        [Fact]
        public void EmptySetHasNoIdleCpu()
        {
            var set = new IdleCpuSet();
            Assert.Equal(IdleCpuSet.None, set.Any(except: 0));
            Assert.Equal(IdleCpuSet.None, set.Claim(except: 0));
        }

        [Fact]
        public void AnyAndClaimPassOverTheCaller()
        {
            var set = new IdleCpuSet();
            set.Set(2, idle: true);
            Assert.Equal(IdleCpuSet.None, set.Any(except: 2));
            Assert.Equal(IdleCpuSet.None, set.Claim(except: 2));
            Assert.Equal(2, set.Any(except: 0));
        }

        [Fact]
        public void ClaimHandsOutEachIdleCpuOnceUntilItIsIdleAgain()
        {
            var set = new IdleCpuSet();
            set.Set(1, idle: true);
            set.Set(3, idle: true);
            set.Set(63, idle: true);
            Assert.Equal(1, set.Claim(except: 0));
            Assert.Equal(3, set.Claim(except: 0));
            Assert.Equal(63, set.Claim(except: 0));
            Assert.Equal(IdleCpuSet.None, set.Claim(except: 0));
            set.Set(3, idle: true);
            Assert.Equal(3, set.Claim(except: 0));
        }

        [Fact]
        public void BusyClearsAndSettingTwiceIsHarmless()
        {
            var set = new IdleCpuSet();
            set.Set(5, idle: true);
            set.Set(5, idle: true);
            set.Set(5, idle: false);
            Assert.Equal(IdleCpuSet.None, set.Any(except: 0));
            set.Set(5, idle: false);
            Assert.Equal(IdleCpuSet.None, set.Claim(except: 0));
        }

        [Fact]
        public void ConcurrentClaimsNeverHandOutACpuTwice()
        {
            for (int round = 0; round < 200; round++)
            {
                var set = new IdleCpuSet();
                for (int cpu = 1; cpu < 64; cpu++)
                    set.Set(cpu, idle: true);
                var claimed = new ConcurrentBag<int>();
                Parallel.For(0, 100, _ =>
                {
                    int cpu = set.Claim(except: 0);
                    if (cpu != IdleCpuSet.None)
                        claimed.Add(cpu);
                });
                Assert.Equal(63, claimed.Count);
                Assert.Equal(63, new System.Collections.Generic.HashSet<int>(claimed).Count);
            }
        }
    }
}
