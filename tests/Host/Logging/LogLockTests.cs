// Host tests of the log's SMP contract: every line is recorded and written to every sink inside the log
// lock, sinks are added under it, and the panic path writes even when it cannot get the lock.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Logging
{
    [Collection("Log")]
    public class LogLockTests
    {
        private sealed class FakeLock : ILogLock
        {
            public bool Held;
            public int Acquires;
            public int Releases;
            public int PanicTries;
            public bool GrantPanic = true;

            public void Acquire()
            {
                Assert.False(Held, "the log took its lock twice");
                Held = true;
                Acquires++;
            }

            public void Release()
            {
                Assert.True(Held, "the log released a lock it did not hold");
                Held = false;
                Releases++;
            }

            public bool TryAcquireForPanic()
            {
                PanicTries++;
                if (!GrantPanic)
                    return false;
                Acquire();
                return true;
            }
        }

        private sealed class LockCheckingSink : ILogSink
        {
            private readonly FakeLock _lock;
            public readonly List<bool> HeldPerLine = new();

            public LockCheckingSink(FakeLock fakeLock) => _lock = fakeLock;

            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line) => HeldPerLine.Add(_lock.Held);
        }

        [Fact]
        public void EveryLineIsWrittenInsideTheLock()
        {
            var fake = new FakeLock();
            var sink = new LockCheckingSink(fake);
            Log.SetLock(fake);
            try
            {
                Assert.True(Log.AddSink(sink, replayHistory: false));
                Log.Info("t", $"one");
                Log.Error("t", $"two");
                Assert.Equal(new[] { true, true }, sink.HeldPerLine);
                Assert.False(fake.Held);
                Assert.Equal(fake.Acquires, fake.Releases);
                Assert.True(fake.Acquires >= 3, "adding the sink and each line take the lock");
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.SetLock(null);
            }
        }

        [Fact]
        public void ReplayToANewSinkHappensInsideTheLock()
        {
            var fake = new FakeLock();
            var sink = new LockCheckingSink(fake);
            Log.Info("t", $"kept for replay");
            Log.SetLock(fake);
            try
            {
                Assert.True(Log.AddSink(sink, replayHistory: true));
                Assert.NotEmpty(sink.HeldPerLine);
                Assert.All(sink.HeldPerLine, Assert.True);
                Assert.False(fake.Held);
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.SetLock(null);
            }
        }

        [Fact]
        public void PanicLinesTryTheLockAndReleaseWhatTheyGot()
        {
            var fake = new FakeLock();
            var sink = new LockCheckingSink(fake);
            Log.SetLock(fake);
            try
            {
                Log.AddSink(sink, replayHistory: false);
                Log.WriteFromPanic("panic", "granted"u8);
                Assert.Equal(1, fake.PanicTries);
                Assert.Equal(new[] { true }, sink.HeldPerLine);
                Assert.False(fake.Held);
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.SetLock(null);
            }
        }

        [Fact]
        public void PanicLinesGoOutWithoutTheLockWhenItCannotBeHad()
        {
            var fake = new FakeLock { GrantPanic = false };
            var sink = new LockCheckingSink(fake);
            Log.SetLock(fake);
            try
            {
                Log.AddSink(sink, replayHistory: false);
                int releases = fake.Releases;
                LogLevel previous = Log.MinimumLevel;
                Log.MinimumLevel = LogLevel.Fatal;
                Log.WriteFromPanic("panic", "refused"u8);
                Log.MinimumLevel = previous;
                Assert.Equal(new[] { false }, sink.HeldPerLine);
                Assert.Equal(releases, fake.Releases);
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.SetLock(null);
            }
        }
    }
}
