// Why a known monitor command cannot run as typed (reported to the user; nothing runs).
namespace MinimalOS.Kernel.Monitor
{
    public enum MonitorCommandProblem : byte
    {
        None,
        /// <summary>The command takes an argument and none was given ("log").</summary>
        ArgumentMissing,
        /// <summary>The argument is not one the command accepts ("log loud").</summary>
        ArgumentInvalid,
        /// <summary>The command takes no argument but was given one ("mem all").</summary>
        ArgumentNotExpected,
    }
}
