// The rights a capability carries. Derivation (copy, mint) may only remove rights, never add them.
namespace MinimalOS.Abi
{
    [System.Flags]
    public enum CapRights : byte
    {
        None = 0,
        Read = 1,
        Write = 2,
        Execute = 4,
        /// <summary>Capabilities may travel with a message sent through this capability (IPC).</summary>
        Grant = 8,
        /// <summary>Every capability derived from this one may be revoked through it.</summary>
        Revoke = 16,
        All = Read | Write | Execute | Grant | Revoke,
    }
}
