// The scheduler booted once per test process on the SimulatedMachine: a host thread becomes the boot
// flow of CPU 0 and starts the scheduler, another joins CPU 1 (its idle thread), then the boot thread
// runs each test's body as kernel code on the boot thread, one at a time. The scheduler's state is
// static, as in the kernel, so every body must leave it as it found it: no thread of its own left alive.
using System;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Tests.Host.Scheduling.Simulation
{
    internal static class SimulatedKernel
    {
        public const int Cpus = 2;
        private static readonly BlockingCollection<Action> s_bodies = new BlockingCollection<Action>();
        private static readonly Lazy<bool> s_booted = new Lazy<bool>(Boot, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>Runs <paramref name="body"/> on the kernel's boot thread (CPU 0, interrupts on) and rethrows what it throws.</summary>
        public static void RunOnBootThread(Action body)
        {
            if (!s_booted.Value)
                throw new InvalidOperationException("the simulated kernel did not boot");
            var done = new ManualResetEventSlim();
            ExceptionDispatchInfo failure = null;
            s_bodies.Add(() =>
            {
                try { body(); }
                catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
                finally { done.Set(); }
            });
            if (!done.Wait(TimeSpan.FromSeconds(60)))
                throw new TimeoutException("the test body did not finish on the simulated boot thread");
            failure?.Throw();
        }

        private static bool Boot()
        {
            var started = new ManualResetEventSlim();
            bool ok = false;
            var boot = new System.Threading.Thread(() =>
            {
                SimulatedMachine.BecomeStartupFlow(0);
                ok = Scheduler.Start();
                started.Set();
                SchedulerCpu.EnableInterrupts();
                foreach (Action body in s_bodies.GetConsumingEnumerable())
                    body();
            });
            boot.IsBackground = true;
            boot.Start();
            started.Wait();
            for (int cpu = 1; cpu < Cpus && ok; cpu++)
            {
                int index = cpu;
                var ap = new System.Threading.Thread(() =>
                {
                    SimulatedMachine.BecomeStartupFlow(index);
                    Scheduler.RunOnThisCpu();
                });
                ap.IsBackground = true;
                ap.Start();
                SpinWait.SpinUntil(() => Scheduler.ProcessorAt(index) is not null, TimeSpan.FromSeconds(10));
            }
            return ok && Scheduler.ProcessorCount == Cpus;
        }
    }
}
