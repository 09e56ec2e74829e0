// The kernel monitor's commands (a debugging aid on the console, not a shell).
namespace MinimalOS.Kernel.Monitor
{
    public enum MonitorCommandKind : byte
    {
        /// <summary>A blank line: print a new prompt.</summary>
        Empty,
        Help,
        Memory,
        Time,
        Cpu,
        Reboot,
        PowerOff,
        LogLevel,
        /// <summary>A word the monitor does not know.</summary>
        Unknown,
    }
}
