// One running QEMU for one test. It starts with a hard deadline (QemuLaunch.Timeout): whatever the test
// waits for, QEMU is killed when the deadline passes and the test fails with the tail of the serial log.
// Dispose always kills what is still running and writes QEMU's command line and output next to the logs.
// Tests block on their QEMU, so xunit's thread limit (the number of cores) also bounds concurrent QEMUs.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit.Sdk;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class QemuInstance : IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

        private readonly Process _process;
        private readonly IReadOnlyList<string> _arguments;
        private readonly StringBuilder _output = new();
        private readonly DateTime _deadlineUtc;
        private QmpClient _qmp;
        private FileStream _serialInput;
        private string _killedWhen;

        private QemuInstance(QemuLaunch launch, Process process, IReadOnlyList<string> arguments)
        {
            Launch = launch;
            _process = process;
            _arguments = arguments;
            _deadlineUtc = DateTime.UtcNow + launch.Timeout;
            Serial = new SerialLog(launch.SerialLogPath);
            Results = launch.ResultsSerial ? new SerialLog(launch.ResultsLogPath) : null;
        }

        public QemuLaunch Launch { get; }

        /// <summary>COM1: the kernel log.</summary>
        public SerialLog Serial { get; }

        /// <summary>COM2 when <see cref="QemuLaunch.ResultsSerial"/> is set, otherwise null.</summary>
        public SerialLog Results { get; }

        public static QemuInstance Start(QemuLaunch launch)
        {
            foreach (string stale in new[] { launch.SerialLogPath, launch.ResultsLogPath, launch.QemuOutputPath, launch.ScreendumpPath, launch.QmpSocketPath, launch.SerialInputPath })
                File.Delete(stale);
            if (launch.SerialInput)
            {
                File.WriteAllBytes(launch.SerialLogPath, Array.Empty<byte>());
                if (MakeFifo(launch.SerialInputPath, 0x180) != 0)
                    throw new XunitException($"cannot create the FIFO {launch.SerialInputPath} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
            }
            if (launch.Boot == BootMethod.IsoUefi)
                File.Copy(QemuCommandLine.OvmfVariablesTemplate, launch.FirmwareVariablesPath, overwrite: true);

            var arguments = QemuCommandLine.Build(launch, QemuFlags.FromEnvironment());
            var start = new ProcessStartInfo(QemuCommandLine.Executable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
                start.ArgumentList.Add(argument);

            var process = new Process { StartInfo = start };
            var instance = new QemuInstance(launch, process, arguments);
            process.OutputDataReceived += (_, e) => instance.Record(e.Data);
            process.ErrorDataReceived += (_, e) => instance.Record(e.Data);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                process.Dispose();
                throw new XunitException($"cannot start {QemuCommandLine.Executable} ({e.Message}): `make deps` installs it.");
            }
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return instance;
        }

        /// <summary>Waits for QEMU to exit and returns its exit status.</summary>
        public int WaitForExit()
        {
            if (!_process.WaitForExit(RemainingMilliseconds()))
                FailAtDeadline("did not exit");
            _process.WaitForExit();
            return _process.ExitCode;
        }

        /// <summary>
        /// As WaitForExit, for runs whose report is read even when QEMU missed its deadline: the exit status,
        /// or null with the deadline failure in <paramref name="failure"/>.
        /// </summary>
        public int? WaitForExitOrDeadline(out string failure)
        {
            failure = null;
            try
            {
                return WaitForExit();
            }
            catch (XunitException timeout)
            {
                failure = timeout.Message;
                return null;
            }
        }

        /// <summary>Waits until a COM1 line contains <paramref name="marker"/>; fails if QEMU exits first.</summary>
        public void WaitForSerialLine(string marker)
        {
            while (!Serial.ContainsLine(marker))
            {
                if (_process.HasExited)
                {
                    _process.WaitForExit();
                    throw new XunitException($"{Launch.Name}: QEMU exited with status {_process.ExitCode} before the serial line \"{marker}\".\n{Diagnostics()}");
                }
                if (DateTime.UtcNow >= _deadlineUtc)
                    FailAtDeadline($"had not printed \"{marker}\"");
                Thread.Sleep(PollInterval);
            }
        }

        /// <summary>Waits until COM1 has been silent for <paramref name="quiet"/> (output after a marker settles).</summary>
        public void WaitForSerialQuiet(TimeSpan quiet)
        {
            long length = Serial.Length;
            DateTime silentSince = DateTime.UtcNow;
            while (DateTime.UtcNow - silentSince < quiet)
            {
                if (DateTime.UtcNow >= _deadlineUtc)
                    FailAtDeadline("kept writing to the serial port");
                Thread.Sleep(PollInterval);
                long now = Serial.Length;
                if (now != length)
                {
                    length = now;
                    silentSince = DateTime.UtcNow;
                }
            }
        }

        /// <summary>Saves the display as a PPM image at <see cref="QemuLaunch.ScreendumpPath"/> and returns the path.</summary>
        public string Screendump()
        {
            if (!Launch.Monitor)
                throw new InvalidOperationException($"{Launch.Name} was started without a monitor socket");
            try
            {
                _qmp ??= QmpClient.Connect(Launch.QmpSocketPath, _deadlineUtc);
                _qmp.Execute("screendump", new { filename = Launch.ScreendumpPath }, _deadlineUtc);
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                throw new XunitException($"{Launch.Name}: screendump failed: {e.Message}\n{Diagnostics()}");
            }
            if (!File.Exists(Launch.ScreendumpPath))
                throw new XunitException($"{Launch.Name}: QEMU accepted screendump but wrote no {Launch.ScreendumpPath}\n{Diagnostics()}");
            return Launch.ScreendumpPath;
        }

        /// <summary>
        /// Types <paramref name="text"/> into COM1 as a terminal would (bytes as given: "\r" is Enter). QEMU
        /// feeds the UART only as fast as its receive FIFO empties, so nothing is lost while the guest reads.
        /// </summary>
        public void TypeOnSerial(string text)
        {
            if (!Launch.SerialInput)
                throw new InvalidOperationException($"{Launch.Name} was started without serial input");
            try
            {
                // QEMU holds the FIFO open for reading from start-up, so opening it for writing does not wait.
                _serialInput ??= new FileStream(Launch.SerialInputPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                _serialInput.Write(Encoding.ASCII.GetBytes(text));
                _serialInput.Flush();
            }
            catch (IOException e)
            {
                throw new XunitException($"{Launch.Name}: typing on COM1 failed: {e.Message}\n{Diagnostics()}");
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
        private static extern int MakeFifo(string path, uint mode);

        /// <summary>
        /// Presses and releases keys on the emulated PS/2 keyboard through QMP send-key, one chord after the
        /// other. A chord is QEMU qcodes joined by '-' and pressed together ("h", "ret", "shift-k").
        /// </summary>
        public void SendKeys(params string[] chords)
        {
            if (!Launch.Monitor)
                throw new InvalidOperationException($"{Launch.Name} was started without a monitor socket");
            try
            {
                _qmp ??= QmpClient.Connect(Launch.QmpSocketPath, _deadlineUtc);
                foreach (string chord in chords)
                {
                    var keys = chord.Split('-').Select(code => new { type = "qcode", data = code }).ToArray();
                    _qmp.Execute("send-key", new { keys }, _deadlineUtc);
                }
            }
            catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                throw new XunitException($"{Launch.Name}: send-key failed: {e.Message}\n{Diagnostics()}");
            }
        }

        /// <summary>Where to look after a failure: the serial log's last lines and what QEMU itself printed.</summary>
        public string Diagnostics()
        {
            var text = new StringBuilder(Serial.Tail());
            string output;
            lock (_output)
                output = _output.ToString().Trim();
            if (output.Length != 0)
                text.Append("\nQEMU printed:\n    ").Append(output.Replace("\n", "\n    "));
            text.Append("\nQEMU command: ").Append(CommandText());
            return text.ToString();
        }

        private void FailAtDeadline(string what)
        {
            Kill("at the deadline");
            throw new XunitException($"{Launch.Name}: QEMU {what} within {Launch.Timeout.TotalSeconds:0} s; killed it.\n{Diagnostics()}");
        }

        private int RemainingMilliseconds() => (int)Math.Clamp((_deadlineUtc - DateTime.UtcNow).TotalMilliseconds, 0, int.MaxValue);

        private void Record(string line)
        {
            if (line is null)
                return;
            lock (_output)
                _output.Append(line).Append('\n');
        }

        private void Kill(string when)
        {
            if (_process.HasExited)
                return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _killedWhen = when;
        }

        private string CommandText() =>
            string.Join(" ", new[] { QemuCommandLine.Executable }.Concat(_arguments).Select(Quote));

        private static string Quote(string argument) =>
            argument.Length != 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@".Contains(c))
                ? argument
                : "'" + argument.Replace("'", "'\\''") + "'";

        public void Dispose()
        {
            Kill("when the test ended");
            _qmp?.Dispose();
            _serialInput?.Dispose();
            File.Delete(Launch.QmpSocketPath);
            File.Delete(Launch.SerialInputPath);
            var record = new StringBuilder();
            record.Append("# ").Append(CommandText()).Append('\n');
            record.Append("# exit status: ").Append(_killedWhen is null ? _process.ExitCode.ToString() : "killed " + _killedWhen).Append('\n');
            lock (_output)
                record.Append(_output);
            File.WriteAllText(Launch.QemuOutputPath, record.ToString());
            _process.Dispose();
        }
    }
}
