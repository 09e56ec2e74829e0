// The body of the fuzz thread, running in the fuzz process (its own address space and CNode, see
// FuzzSupervisor): makes calls NextCall.. Calls - 1 of the run, each generated from the seed and its index,
// checks every answer and records failures in the shared page, then sets Done and exits. At the end of an
// epoch it exits with EpochExitCode so that the root task refreshes its capabilities. It keeps no state of
// its own between calls but the last clock reading, so the root task can restart it at any point.
using System.Threading;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Fuzzer
{
    internal static unsafe class FuzzThread
    {
        public static void Run(ulong sharedAddress)
        {
            var shared = (FuzzShared*)sharedAddress;
            var generator = new FuzzGenerator(shared);
            ulong lastClock = shared->LastClock;
            ulong first = (ulong)Volatile.Read(ref shared->NextCall);
            while (true)
            {
                ulong index = (ulong)Volatile.Read(ref shared->NextCall);
                if (index >= shared->Calls)
                    break;
                if (index != first && index % FuzzShared.EpochCalls == 0)
                    Syscalls.ThreadExit(FuzzShared.EpochExitCode);
                FuzzCall call = generator.Generate(index);
                shared->CurrentNumber = (ulong)call.Number;
                for (int i = 0; i < 6; i++)
                    shared->CurrentArguments[i] = call.Argument(i);
                Volatile.Write(ref shared->NextCall, (long)index + 1);
                SyscallResult result = Syscalls.Raw(call.Number, call.A0, call.A1, call.A2, call.A3, call.A4, call.A5);
                FuzzViolation violation = FuzzChecks.Check(in call, in result, ref lastClock);
                shared->LastClock = lastClock;
                if (result.Error == MinimalOS.Abi.SyscallError.None && (ulong)call.Number < FuzzGenerator.KnownCalls)
                    shared->Successes[call.Number]++;
                if (violation != FuzzViolation.None)
                    Record(shared, index, in call, in result, violation);
            }
            Volatile.Write(ref shared->Done, 1);
            Syscalls.ThreadExit(0);
        }

        private static void Record(FuzzShared* shared, ulong index, in FuzzCall call, in SyscallResult result, FuzzViolation violation)
        {
            ulong failures = (ulong)shared->Failures;
            if (failures < FuzzShared.MaxRecords)
            {
                ulong* record = shared->Records + failures * FuzzShared.RecordWords;
                record[0] = index;
                record[1] = (ulong)call.Number;
                for (int i = 0; i < 6; i++)
                    record[2 + i] = call.Argument(i);
                record[8] = (ulong)result.Error;
                record[9] = result.First;
                record[10] = result.Second;
                record[11] = (ulong)violation;
            }
            Volatile.Write(ref shared->Failures, (long)failures + 1);
        }
    }
}
