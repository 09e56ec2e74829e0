// The fuzzer's pseudo-random numbers: SplitMix64 (Steele, Lea, Flood 2014), seeded per call from the run's
// seed and the call's index, so call i's arguments depend on nothing else and a run can be resumed, or a
// failure replayed, from its seed and index alone. Not for anything that needs unpredictability.
namespace MinimalOS.Tests.User.Fuzzer
{
    internal struct SplitMix
    {
        private const ulong Gamma = 0x9E37_79B9_7F4A_7C15;

        private ulong _state;

        public SplitMix(ulong seed, ulong index) => _state = seed ^ (index * 0xD6E8_FEB8_6659_FD93);

        public ulong Next()
        {
            ulong z = _state += Gamma;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
            return z ^ (z >> 31);
        }

        /// <summary>A value in [0, <paramref name="bound"/>) (bound at least 1).</summary>
        public ulong Below(ulong bound) => Next() % bound;

        /// <summary>True with probability 1 / <paramref name="odds"/>.</summary>
        public bool OneIn(ulong odds) => Below(odds) == 0;
    }
}
