// A serial port's output as QEMU writes it to a file, read while QEMU is still writing. Lines are split on
// '\n' with any '\r' removed; an unfinished last line is included (a crash can cut a line short).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class SerialLog
    {
        // Terminal control sequences (OVMF and GRUB EFI paint their console on the serial port too).
        private static readonly Regex s_terminalControl = new(@"\x1B\[[0-9;=?]*[A-Za-z]|\x1B.|[\x00-\x08\x0B-\x1F\x7F]", RegexOptions.Compiled);

        public SerialLog(string path) => Path = path;

        public string Path { get; }

        public long Length => File.Exists(Path) ? new FileInfo(Path).Length : 0;

        public IReadOnlyList<string> Lines()
        {
            if (!File.Exists(Path))
                return Array.Empty<string>();
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
            if (lines.Count != 0 && lines[^1].Length == 0)
                lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        public bool ContainsLine(string marker) => Lines().Any(line => line.Contains(marker, StringComparison.Ordinal));

        /// <summary>The last <paramref name="count"/> lines, indented and without terminal control, for failure messages.</summary>
        public string Tail(int count = 25) => Format(Lines().TakeLast(count).ToList());

        /// <summary>Up to <paramref name="count"/> lines ending with the last one that contains <paramref name="text"/>, or the tail.</summary>
        public string LinesBefore(string text, int count = 25)
        {
            var lines = Lines();
            int last = -1;
            for (int i = 0; i < lines.Count; i++)
            {
                if (lines[i].Contains(text, StringComparison.Ordinal))
                    last = i;
            }
            if (last < 0)
                return Tail(count);
            int first = Math.Max(0, last - count + 1);
            return Format(lines.Skip(first).Take(last - first + 1).ToList());
        }

        private string Format(IReadOnlyList<string> lines)
        {
            var text = new StringBuilder();
            text.Append("serial log ").Append(Path);
            if (lines.Count == 0)
                return text.Append(": (empty)").ToString();
            text.Append(':');
            foreach (string line in lines)
                text.Append("\n    | ").Append(s_terminalControl.Replace(line, ""));
            return text.ToString();
        }
    }
}
