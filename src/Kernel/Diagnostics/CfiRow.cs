// One row of the DWARF call-frame table: how to find the canonical frame address (CFA, the caller's stack
// pointer) and where the caller's callee-saved registers and return address are, at one code address.
// Only the x86-64 registers an unwinder must restore are tracked; rules for others are parsed and dropped.
namespace MinimalOS.Kernel.Diagnostics
{
    public enum RegisterRuleKind : byte
    {
        /// <summary>The caller's value is still in the register.</summary>
        SameValue,
        /// <summary>The caller's value is lost (for the return address: this is the outermost frame).</summary>
        Undefined,
        /// <summary>The caller's value is saved in memory at CFA + Offset.</summary>
        SavedAtCfaOffset,
        /// <summary>The caller's value is CFA + Offset itself.</summary>
        ValueIsCfaOffset,
    }

    public struct RegisterRule
    {
        public RegisterRuleKind Kind;
        public long Offset;

        public RegisterRule(RegisterRuleKind kind, long offset)
        {
            Kind = kind;
            Offset = offset;
        }
    }

    public struct CfiRow
    {
        // DWARF register numbers for x86-64 (System V psABI).
        public const int Rbx = 3;
        public const int Rbp = 6;
        public const int Rsp = 7;
        public const int R12 = 12;
        public const int R13 = 13;
        public const int R14 = 14;
        public const int R15 = 15;
        public const int ReturnAddress = 16;

        /// <summary>CfaRegister before any rule defined it.</summary>
        public const int NoCfaRegister = -1;

        public int CfaRegister;
        public long CfaOffset;
        public RegisterRule RbxRule;
        public RegisterRule RbpRule;
        public RegisterRule R12Rule;
        public RegisterRule R13Rule;
        public RegisterRule R14Rule;
        public RegisterRule R15Rule;
        public RegisterRule ReturnAddressRule;

        /// <summary>The row before a CIE's instructions: no CFA, callee-saved registers untouched.</summary>
        public static CfiRow BeforeInstructions => new CfiRow
        {
            CfaRegister = NoCfaRegister,
            ReturnAddressRule = new RegisterRule(RegisterRuleKind.Undefined, 0),
        };

        public static bool IsTracked(ulong register) =>
            register == Rbx || register == Rbp || (register >= R12 && register <= R15) || register == ReturnAddress;

        public RegisterRule Rule(ulong register) => register switch
        {
            Rbx => RbxRule,
            Rbp => RbpRule,
            R12 => R12Rule,
            R13 => R13Rule,
            R14 => R14Rule,
            R15 => R15Rule,
            ReturnAddress => ReturnAddressRule,
            _ => default,
        };

        /// <summary>Records a rule; rules for untracked registers are dropped.</summary>
        public void SetRule(ulong register, RegisterRule rule)
        {
            switch (register)
            {
                case Rbx: RbxRule = rule; break;
                case Rbp: RbpRule = rule; break;
                case R12: R12Rule = rule; break;
                case R13: R13Rule = rule; break;
                case R14: R14Rule = rule; break;
                case R15: R15Rule = rule; break;
                case ReturnAddress: ReturnAddressRule = rule; break;
            }
        }
    }
}
