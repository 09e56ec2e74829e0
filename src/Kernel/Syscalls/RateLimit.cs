// A token bucket: up to Burst events at once, refilled at PerSecond events per second of the clock it is
// given. The debug-log system call and the user-fault log use one each, so a program cannot flood the
// serial line. Not locked: two CPUs racing may let an event or two more through, which a rate limit of
// log lines tolerates; the state never becomes invalid (both fields are only ever set to sane values).
namespace MinimalOS.Kernel.Syscalls
{
    public struct RateLimit
    {
        private const ulong NanosecondsPerSecond = 1_000_000_000;

        private readonly ulong _burst;
        private readonly ulong _nanosecondsPerToken;
        private ulong _tokens;
        private ulong _lastRefill;

        public RateLimit(ulong burst, ulong perSecond)
        {
            _burst = burst;
            _nanosecondsPerToken = perSecond == 0 ? ulong.MaxValue : NanosecondsPerSecond / perSecond;
            _tokens = burst;
            _lastRefill = 0;
        }

        /// <summary>Events suppressed since the limiter was made.</summary>
        public ulong Suppressed { get; private set; }

        /// <summary>True if an event at <paramref name="now"/> (ns) may happen; it then uses a token.</summary>
        public bool TryTake(ulong now)
        {
            if (now > _lastRefill && _nanosecondsPerToken != ulong.MaxValue)
            {
                ulong earned = (now - _lastRefill) / _nanosecondsPerToken;
                if (earned > 0)
                {
                    _tokens = earned >= _burst - _tokens ? _burst : _tokens + earned;
                    _lastRefill += earned * _nanosecondsPerToken;
                }
            }
            if (_tokens == 0)
            {
                Suppressed++;
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
