// Kernel tests of the ticket spinlock on one CPU: interrupts are off while it is held and come back as they
// were, TryAcquire refuses a held lock, and (debug builds) taking a lock twice or releasing one that is not
// held panics with the lock's name. The contended, many-CPU case is in the SMP scheduler tests.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Sync;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SpinLockTests
    {
        private const ulong InterruptFlag = 1UL << 9;
        private static SpinLock s_lock;

        public static void Register(KernelTestList tests)
        {
            tests.Add("SpinLock.HoldingDisablesInterruptsAndReleaseRestoresThem", &HoldingDisablesInterruptsAndReleaseRestoresThem);
            tests.Add("SpinLock.ReleaseKeepsInterruptsOffWhenTheyWereOff", &ReleaseKeepsInterruptsOffWhenTheyWereOff);
            tests.Add("SpinLock.TryAcquireRefusesAHeldLock", &TryAcquireRefusesAHeldLock);
            tests.Add("SpinLock.ManyRoundsKeepTicketsInStep", &ManyRoundsKeepTicketsInStep);
#if DEBUG
            tests.Add("SpinLock.TakingAHeldLockAgainPanics", &TakingAHeldLockAgainPanics);
            tests.Add("SpinLock.ReleasingAFreeLockPanics", &ReleasingAFreeLockPanics);
#endif
        }

        private static bool InterruptsEnabled => (Cpu.ReadRflags() & InterruptFlag) != 0;

        private static void HoldingDisablesInterruptsAndReleaseRestoresThem()
        {
            var spinLock = new SpinLock("test");
            Expect.True(InterruptsEnabled, "tests run with interrupts on");
            spinLock.Acquire();
            bool offWhileHeld = !InterruptsEnabled;
            bool held = spinLock.IsHeldByThisCpu;
            spinLock.Release();
            Expect.True(offWhileHeld, "interrupts are off while the lock is held");
            Expect.True(held, "the lock records this CPU as its holder");
            Expect.False(spinLock.IsHeldByThisCpu, "released");
            Expect.True(InterruptsEnabled, "interrupts are back on after Release");
        }

        private static void ReleaseKeepsInterruptsOffWhenTheyWereOff()
        {
            var spinLock = new SpinLock("test");
            Cpu.DisableInterrupts();
            spinLock.Acquire();
            spinLock.Release();
            bool stillOff = !InterruptsEnabled;
            Cpu.EnableInterrupts();
            Expect.True(stillOff, "Release leaves interrupts off when Acquire found them off");
        }

        private static void TryAcquireRefusesAHeldLock()
        {
            var spinLock = new SpinLock("test");
            Expect.True(spinLock.TryAcquire(), "a free lock is taken");
            Cpu.DisableInterrupts();
            bool second = spinLock.TryAcquireWithInterruptsOff();
            Cpu.EnableInterrupts();
            spinLock.Release();
            Expect.False(second, "a held lock is refused, even to its holder");
            Expect.True(spinLock.TryAcquire(), "free again after Release");
            spinLock.Release();
            Expect.True(InterruptsEnabled, "interrupts are back on");
        }

        private static void ManyRoundsKeepTicketsInStep()
        {
            var spinLock = new SpinLock("test");
            for (int i = 0; i < 10_000; i++)
            {
                spinLock.Acquire();
                spinLock.Release();
            }
            Expect.True(spinLock.TryAcquire(), "after 10,000 rounds the next ticket is the one being served");
            spinLock.Release();
        }

#if DEBUG
        private static void TakingAHeldLockAgainPanics()
        {
            s_lock = new SpinLock("twice-taken");
            s_lock.Acquire();
            ProbeOutcome outcome = KernelTestRunner.Probe(&AcquireTestLock);
            s_lock.Release();
            Expect.Equal((long)ProbeOutcome.Panicked, (long)outcome, "taking a held lock again panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "twice-taken"), "the panic names the lock");
            Expect.True(InterruptsEnabled, "interrupts are back on");
        }

        private static void ReleasingAFreeLockPanics()
        {
            s_lock = new SpinLock("never-taken");
            ProbeOutcome outcome = KernelTestRunner.Probe(&ReleaseTestLock);
            Expect.Equal((long)ProbeOutcome.Panicked, (long)outcome, "releasing a free lock panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "never-taken"), "the panic names the lock");
        }

        private static void AcquireTestLock() => s_lock.Acquire();

        private static void ReleaseTestLock() => s_lock.ReleaseWithInterruptsOff();
#endif
    }
}
