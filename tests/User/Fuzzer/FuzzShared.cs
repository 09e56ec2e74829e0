// The page the root task shares with the fuzz thread (ChildProcess.SharedPage in both address spaces):
// the run's parameters and the addresses the fuzz thread must never let the kernel write to (written by
// the root task before the thread starts), and the run's progress and failures (written by the fuzz
// thread). NextCall is the index of the next call to make and is advanced before the call, so a thread
// restarted after a call that stopped it goes on with the call after that one. The root task trusts
// nothing here beyond reading numbers it prints. The run is cut into epochs of EpochCalls calls that each
// start from the same capabilities, so a failure can be replayed from its epoch's first call.
namespace MinimalOS.Tests.User.Fuzzer
{
    internal unsafe struct FuzzShared
    {
        /// <summary>Every EpochCalls calls the fuzz thread ends (with EpochExitCode) and the root task gives its CNode its starting capabilities again.</summary>
        public const ulong EpochCalls = 2048;
        public const ulong EpochExitCode = 0xE90C;
        public const int MaxRecords = 8;
        public const int RecordWords = 12;

        public ulong Seed;
        public ulong Calls;
        public ulong CpuCount;
        /// <summary>A page of the fuzz process that calls may read and write (the kernel copies registers into it).</summary>
        public ulong ScratchPage;
        /// <summary>Where the fuzz process maps its own frames: its first 2 MiB have page tables (held by the root task), the rest none.</summary>
        public ulong PlayArea;
        /// <summary>[ProtectedStart, ProtectedEnd): the fuzz thread's image, data, stack and this page, which no call may write.</summary>
        public ulong ProtectedStart;
        public ulong ProtectedEnd;
        public ulong StackStart;
        public ulong StackEnd;

        public long NextCall;
        public long Done;
        public long Failures;
        public ulong LastClock;
        public ulong CurrentNumber;
        public fixed ulong CurrentArguments[6];
        /// <summary>How many calls of each known number succeeded: proof that the run got past the first checks.</summary>
        public fixed ulong Successes[FuzzGenerator.KnownCalls];
        /// <summary>The first MaxRecords failures: index, number, A0-A5, error, result 0, result 1, FuzzViolation.</summary>
        public fixed ulong Records[MaxRecords * RecordWords];
    }
}
