// The user's extra QEMU options: the QEMUFLAGS environment variable (set by `make test QEMUFLAGS="..."`),
// split into arguments the way a shell would split a simple command line (blanks, quotes, backslash).
// Unbalanced quotes are an error that names the variable, never a silently different command line.
using System;
using System.Collections.Generic;
using System.Text;

namespace MinimalOS.Tests.Boot.Qemu
{
    public static class QemuFlags
    {
        public const string Variable = "QEMUFLAGS";

        public static IReadOnlyList<string> FromEnvironment() => Split(Environment.GetEnvironmentVariable(Variable) ?? "");

        public static IReadOnlyList<string> Split(string flags)
        {
            var arguments = new List<string>();
            var current = new StringBuilder();
            bool inArgument = false;
            char quote = '\0';
            for (int i = 0; i < flags.Length; i++)
            {
                char c = flags[i];
                if (quote == '\'')
                {
                    if (c == '\'')
                        quote = '\0';
                    else
                        current.Append(c);
                    continue;
                }
                if (c == '\\' && i + 1 < flags.Length && (quote == '\0' || flags[i + 1] is '"' or '\\'))
                {
                    current.Append(flags[++i]);
                    inArgument = true;
                    continue;
                }
                if (quote == '"')
                {
                    if (c == '"')
                        quote = '\0';
                    else
                        current.Append(c);
                    continue;
                }
                if (c is '\'' or '"')
                {
                    quote = c;
                    inArgument = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    if (inArgument)
                        arguments.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                }
                else
                {
                    current.Append(c);
                    inArgument = true;
                }
            }
            if (quote != '\0')
                throw new ArgumentException($"{Variable} has an unterminated {quote} quote: {flags}");
            if (inArgument)
                arguments.Add(current.ToString());
            return arguments;
        }
    }
}
