// The test runners' report protocol, parsed and checked. The kernel test runner writes on COM2
//   KTEST BEGIN: <count> / KTEST PASS <name> / KTEST FAIL <name>: <reason> / KTEST END: <passed> <failed>
// (tests/Kernel/Framework/KernelTestRunner.cs); the ring-3 suite writes the same lines tagged UTEST through
// DebugLog (tests/User/UserTests/Framework/UserTestRunner.cs), which UserTestRun extracts from COM1. The
// lines come from a run that may have crashed half-way, so anything missing, malformed or contradictory is
// reported as a problem, never skipped over. Only text before the BEGIN line is ignored: OVMF and GRUB EFI
// mirror their console on every serial port, COM2 too.
using System;
using System.Collections.Generic;
using System.Linq;
using MinimalOS.Tests.Boot.Qemu;
using Xunit.Sdk;

namespace MinimalOS.Tests.Boot.Kernel
{
    public sealed record KernelTestResult(string Name, bool Passed, string FailureReason);

    public sealed class KernelTestReport
    {
        /// <summary>The tag of the kernel test runner's lines.</summary>
        public const string KernelTag = "KTEST";

        private readonly string _tag;
        private readonly string _prefix;
        private readonly List<KernelTestResult> _results = new();
        private readonly List<string> _problems = new();

        public int? AnnouncedCount { get; private set; }
        public int? EndPassed { get; private set; }
        public int? EndFailed { get; private set; }
        public IReadOnlyList<KernelTestResult> Results => _results;

        /// <summary>Why the report cannot be trusted as a complete run; empty when it can.</summary>
        public IReadOnlyList<string> Problems => _problems;

        public KernelTestResult Find(string name) => _results.FirstOrDefault(result => result.Name == name);

        /// <summary>
        /// Fails unless <paramref name="name"/> passed: with its failure reason and the log lines leading up
        /// to it, or with the log's tail when it reported nothing. <paramref name="kind"/> names the suite's tests.
        /// </summary>
        public void CheckPassed(string name, string kind, string runName, SerialLog serial)
        {
            KernelTestResult result = Find(name);
            if (result is null)
                throw new XunitException($"{kind} {name} reported no result ({runName}).\n{serial.Tail()}");
            if (!result.Passed)
                throw new XunitException($"{result.FailureReason} ({runName})\n{serial.LinesBefore(name)}");
        }

        private KernelTestReport(string tag)
        {
            _tag = tag;
            _prefix = tag + " ";
        }

        /// <summary>Parses lines tagged <paramref name="tag"/> ("KTEST", or "UTEST" for the ring-3 suite).</summary>
        public static KernelTestReport Parse(IEnumerable<string> lines, string tag = KernelTag)
        {
            var report = new KernelTestReport(tag);
            string beginLine = report._prefix + "BEGIN: ";
            bool begun = false;
            foreach (string line in lines)
            {
                if (!begun)
                {
                    int begin = line.IndexOf(beginLine, StringComparison.Ordinal);
                    if (begin < 0)
                        continue;
                    begun = true;
                    report.Accept(line.Substring(begin));
                    continue;
                }
                report.Accept(line);
            }
            report.CheckComplete();
            return report;
        }

        private void Accept(string line)
        {
            if (!line.StartsWith(_prefix, StringComparison.Ordinal))
            {
                _problems.Add($"not a {_tag} line: \"{line}\"");
                return;
            }
            string body = line.Substring(_prefix.Length);
            if (EndPassed is not null)
                _problems.Add($"line after {_tag} END: \"{line}\"");

            if (body.StartsWith("BEGIN: ", StringComparison.Ordinal))
            {
                if (AnnouncedCount is not null || _results.Count != 0)
                    _problems.Add($"{_tag} BEGIN is not the first line: \"{line}\"");
                AnnouncedCount = ParseCount(body.Substring("BEGIN: ".Length), line);
            }
            else if (body.StartsWith("PASS ", StringComparison.Ordinal))
            {
                Add(new KernelTestResult(body.Substring("PASS ".Length).Trim(), true, null), line);
            }
            else if (body.StartsWith("FAIL ", StringComparison.Ordinal))
            {
                string rest = body.Substring("FAIL ".Length);
                int separator = rest.IndexOf(": ", StringComparison.Ordinal);
                string name = separator < 0 ? rest.Trim() : rest.Substring(0, separator).Trim();
                string reason = separator < 0 ? "(no reason given)" : rest.Substring(separator + 2);
                Add(new KernelTestResult(name, false, reason), line);
            }
            else if (body.StartsWith("END: ", StringComparison.Ordinal))
            {
                string[] counts = body.Substring("END: ".Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (counts.Length != 2)
                {
                    _problems.Add($"{_tag} END needs two counts: \"{line}\"");
                    return;
                }
                EndPassed = ParseCount(counts[0], line) ?? -1;
                EndFailed = ParseCount(counts[1], line) ?? -1;
            }
            else
            {
                _problems.Add($"unknown {_tag} line: \"{line}\"");
            }
        }

        private void Add(KernelTestResult result, string line)
        {
            if (result.Name.Length == 0)
                _problems.Add($"{_tag} result without a test name: \"{line}\"");
            else if (Find(result.Name) is not null)
                _problems.Add($"test {result.Name} reported twice");
            else
                _results.Add(result);
        }

        private int? ParseCount(string text, string line)
        {
            if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, null, out int value))
                return value;
            _problems.Add($"bad count in \"{line}\"");
            return null;
        }

        private void CheckComplete()
        {
            int passed = _results.Count(result => result.Passed);
            int failed = _results.Count - passed;
            if (AnnouncedCount is null)
                _problems.Add($"no {_tag} BEGIN line: the test runner never started its tests");
            if (EndPassed is null)
            {
                string after = _results.Count == 0 ? "before the first test finished" : $"after test {_results[^1].Name}";
                _problems.Add($"no {_tag} END line: the test runner crashed or hung {after}");
                return;
            }
            if (EndPassed != passed || EndFailed != failed)
                _problems.Add($"{_tag} END says {EndPassed} passed, {EndFailed} failed, but the lines show {passed} passed, {failed} failed");
            if (AnnouncedCount is not null && AnnouncedCount != _results.Count)
                _problems.Add($"{_tag} BEGIN announced {AnnouncedCount} tests, {_results.Count} reported");
        }
    }
}
