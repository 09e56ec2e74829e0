// The kinds of kernel object a capability can name. Untyped memory is retyped into all the types that
// occupy memory; the control capabilities (debug log, IRQ control, I/O-port control) are handed to the root
// task at boot and occupy none. Never renumber: retype takes these values.
namespace MinimalOS.Abi
{
    public enum ObjectType : byte
    {
        Null = 0,
        Untyped = 1,
        CNode = 2,
        Frame = 3,
        PageTable = 4,
        AddressSpace = 5,
        Thread = 6,
        Process = 7,
        Endpoint = 8,
        Notification = 9,
        DebugLog = 10,
        IrqControl = 11,
        IoPortControl = 12,
        Reply = 15,
    }
}
