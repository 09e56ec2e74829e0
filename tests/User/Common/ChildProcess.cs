// A second process running C# code of this program, for the benchmarks and the fuzzer: its own CNode,
// address space, process and thread, all from one untyped the caller gives (so revoking that untyped takes
// everything back). The address space maps copies of this program's text (read-execute) and rodata
// (read-only) frames at the same addresses, a private copy of its data and bss (fresh frames filled from
// the root task's own, so nothing the child does to its memory reaches the root task), a stack of its
// own, and the root task's shared page at the same address as in the root task. Every capability that
// holds those mappings stays in the root CNode: the child cannot unmap its own code. The thread starts at
// a static C# method taking one word (never returning: it must end with ThreadExit).
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Common
{
    internal sealed unsafe class ChildProcess
    {
        public const ulong StackTop = 0x0000_7000_0000_0000;
        public const int StackPages = 8;
        public const ulong SharedPage = 0x0000_7000_0001_0000;
        /// <summary>Where the threads' IPC buffer is mapped, once AddIpcBuffer made one.</summary>
        public const ulong IpcBufferPage = 0x0000_7000_0002_0000;
        /// <summary>One page of the root task's address space where a child's data frame is filled.</summary>
        private const ulong FillWindow = 0x0000_7000_0100_0000;
        private const ulong PageSize = 4096;
        private const ulong UserRflags = 0x202;

        private readonly CapSlot _untyped;
        private readonly ImageLayout _image;
        private uint _firstDataFrame;
        private uint _dataFrameCount;
        private uint _windowSlot = uint.MaxValue;
        private uint _ipcBufferFrame = uint.MaxValue;

        public uint CNodeSlot { get; private set; }
        public uint AddressSpaceSlot { get; private set; }
        public uint ProcessSlot { get; private set; }
        public uint ThreadSlot { get; private set; }
        public int CNodeRadix { get; }
        /// <summary>A root-CNode slot with an endpoint capability: the fault handler of threads StartThread makes from now on (0: none).</summary>
        public uint FaultHandlerSlot { get; set; }

        public CapSlot CNode => RootSpace.Slot(CNodeSlot);
        public CapSlot AddressSpace => RootSpace.Slot(AddressSpaceSlot);
        public CapSlot Process => RootSpace.Slot(ProcessSlot);
        public CapSlot Thread => RootSpace.Slot(ThreadSlot);
        public ImageLayout Image => _image;

        private ChildProcess(CapSlot untyped, int cnodeRadix)
        {
            _untyped = untyped;
            CNodeRadix = cnodeRadix;
            _image = ImageLayout.OfThisProgram();
        }

        /// <summary>The child's objects from <paramref name="untyped"/> and its mappings; <paramref name="shared"/> is a root frame mapped at SharedPage in the root task.</summary>
        public static SyscallError Create(CapSlot untyped, int cnodeRadix, CapSlot shared, out ChildProcess child)
        {
            child = new ChildProcess(untyped, cnodeRadix);
            return child.Build(shared);
        }

        /// <summary>The path naming slot <paramref name="index"/> of the child's CNode from the root CNode (its CNode capability's slot, then the index).</summary>
        public CapSlot ChildSlotFromRoot(uint index) =>
            CapSlot.At(((ulong)CNodeSlot << CNodeRadix) | index, RootSpace.Radix + CNodeRadix);

        private SyscallError Build(CapSlot shared)
        {
            SyscallError error = Make(ObjectType.CNode, CNodeRadix, out uint cnode);
            CNodeSlot = cnode;
            if (error != SyscallError.None)
                return error;
            error = Make(ObjectType.AddressSpace, 0, out uint space);
            AddressSpaceSlot = space;
            if (error != SyscallError.None)
                return error;
            error = Make(ObjectType.Process, 0, out uint process);
            if (error != SyscallError.None)
                return error;
            ProcessSlot = process;
            error = Syscalls.ProcessCreate(Process, CNode, AddressSpace);
            for (ulong page = _image.TextStart; page < _image.RodataStart && error == SyscallError.None; page += PageSize)
                error = MapCopyOfOwnPage(page, CapRights.Read | CapRights.Execute);
            for (ulong page = _image.RodataStart; page < _image.DataStart && error == SyscallError.None; page += PageSize)
                error = MapCopyOfOwnPage(page, CapRights.Read);
            // The data frames take consecutive slots (RefillData walks them); their page tables come after.
            _firstDataFrame = RootSpace.SlotMark;
            _dataFrameCount = (uint)((_image.End - _image.DataStart) / PageSize);
            for (uint i = 0; i < _dataFrameCount && error == SyscallError.None; i++)
                error = Make(ObjectType.Frame, 12, out _);
            for (uint i = 0; i < _dataFrameCount && error == SyscallError.None; i++)
                error = MapWithTables(RootSpace.Slot(_firstDataFrame + i), AddressSpace, _image.DataStart + i * PageSize, CapRights.Read | CapRights.Write);
            if (error == SyscallError.None)
                error = RefillData();
            for (ulong page = StackTop - StackPages * PageSize; page < StackTop && error == SyscallError.None; page += PageSize)
            {
                error = Make(ObjectType.Frame, 12, out uint frame);
                if (error == SyscallError.None)
                    error = MapWithTables(RootSpace.Slot(frame), AddressSpace, page, CapRights.Read | CapRights.Write);
            }
            if (error == SyscallError.None)
                error = MapCopy(shared, SharedPage, CapRights.Read | CapRights.Write);
            return error;
        }

        /// <summary>Copies the root task's data and bss into the child's private frames again (for a fresh start after a crash).</summary>
        public SyscallError RefillData()
        {
            if (_windowSlot == uint.MaxValue)
                _windowSlot = RootSpace.TakeSlot();
            if (_windowSlot == uint.MaxValue)
                return SyscallError.Range;
            CapSlot window = RootSpace.Slot(_windowSlot);
            SyscallError error = SyscallError.None;
            for (uint i = 0; i < _dataFrameCount && error == SyscallError.None; i++)
            {
                error = Syscalls.CapCopy(RootSpace.Slot(_firstDataFrame + i), window, CapRights.Read | CapRights.Write);
                if (error != SyscallError.None)
                    break;
                error = MapWithTables(window, RootSpace.AddressSpace, FillWindow, CapRights.Read | CapRights.Write);
                if (error == SyscallError.None)
                {
                    var source = (ulong*)(_image.DataStart + i * PageSize);
                    var target = (ulong*)FillWindow;
                    for (int word = 0; word < (int)(PageSize / 8); word++)
                        target[word] = source[word];
                    error = Syscalls.FrameUnmap(window);
                }
                SyscallError deleted = Syscalls.CapDelete(window);
                if (error == SyscallError.None)
                    error = deleted;
            }
            return error;
        }

        /// <summary>A fresh frame mapped at IpcBufferPage, the IPC buffer of every thread StartThread makes from now on.</summary>
        public SyscallError AddIpcBuffer()
        {
            SyscallError error = Make(ObjectType.Frame, 12, out uint frame);
            if (error == SyscallError.None)
                error = MapWithTables(RootSpace.Slot(frame), AddressSpace, IpcBufferPage, CapRights.Read | CapRights.Write);
            if (error == SyscallError.None)
                _ipcBufferFrame = frame;
            return error;
        }

        /// <summary>A new thread in the process, at priority and MCP <paramref name="priority"/>, about to run <paramref name="entry"/>(<paramref name="argument"/>) on <paramref name="cpu"/>.</summary>
        public SyscallError StartThread(delegate*<ulong, void> entry, ulong argument, ulong priority, ulong cpu) =>
            StartThread(entry, argument, priority, cpu, _untyped);

        /// <summary>As StartThread, with the thread from <paramref name="untyped"/>; the thread takes the slot of the one before it, if any (destroyed first).</summary>
        public SyscallError StartThread(delegate*<ulong, void> entry, ulong argument, ulong priority, ulong cpu, CapSlot untyped)
        {
            ReserveThreadSlot();
            if (ThreadSlot == uint.MaxValue)
                return SyscallError.Range;
            SyscallError error = Syscalls.UntypedRetype(untyped, ObjectType.Thread, 0, RootSpace.CNode, ThreadSlot, 1);
            if (error != SyscallError.None)
                return error;
            bool buffer = _ipcBufferFrame != uint.MaxValue;
            CapSlot faultHandler = FaultHandlerSlot != 0 ? RootSpace.Slot(FaultHandlerSlot) : Syscalls.NoCapability;
            error = Syscalls.ThreadConfigure(Thread, Process, buffer ? RootSpace.Slot(_ipcBufferFrame) : Syscalls.NoCapability, buffer ? IpcBufferPage : 0, faultHandler);
            if (error == SyscallError.None)
                error = Syscalls.ThreadSetPriority(Thread, RootSpace.Thread, priority, priority);
            var registers = new UserRegisters { Rip = (ulong)entry, Rsp = StackTop - 8, Rdi = argument, Rflags = UserRflags };
            if (error == SyscallError.None)
                error = Syscalls.ThreadWriteRegisters(Thread, in registers);
            if (error == SyscallError.None)
                error = Syscalls.ThreadStart(Thread, cpu);
            return error;
        }

        /// <summary>Takes the root slot the process's threads will use now, for a caller that hands slots taken later back (RootSpace.ReturnSlotsTo).</summary>
        public void ReserveThreadSlot()
        {
            if (ThreadSlot == 0)
                ThreadSlot = RootSpace.TakeSlot();
        }

        /// <summary>Destroys the thread: every copy of its capability (the process's, any the child made) and then its own slot.</summary>
        public SyscallError DestroyThread()
        {
            SyscallError error = Syscalls.CapRevoke(Thread);
            SyscallError deleted = Syscalls.CapDelete(Thread);
            return error != SyscallError.None ? error : deleted;
        }

        /// <summary>The thread's ThreadRunState (CapIdentify), or Exited when it cannot be identified.</summary>
        public ThreadRunState ThreadState =>
            Syscalls.CapIdentify(Thread, out _, out ulong state) == SyscallError.None ? (ThreadRunState)state : ThreadRunState.Exited;

        private SyscallError Make(ObjectType type, int sizeBits, out uint slot) => RootSpace.Make(_untyped, type, sizeBits, out slot);

        // A copy of the root task's own frame mapped at page, found among the image slots by its address.
        private SyscallError MapCopyOfOwnPage(ulong page, CapRights rights)
        {
            BootInfo boot = RootSpace.BootInfo;
            for (uint slot = boot.FirstImageSlot; slot < boot.ImageSlotEnd; slot++)
            {
                if (Syscalls.CapIdentify(RootSpace.Slot(slot), out ulong shape, out ulong address) == SyscallError.None
                    && (ObjectType)(shape & 0xFF) == ObjectType.Frame && address == page)
                    return MapCopy(RootSpace.Slot(slot), page, rights);
            }
            return SyscallError.NotMapped;
        }

        private SyscallError MapCopy(CapSlot frame, ulong address, CapRights rights)
        {
            uint copy = RootSpace.TakeSlot();
            if (copy == uint.MaxValue)
                return SyscallError.Range;
            SyscallError error = Syscalls.CapCopy(frame, RootSpace.Slot(copy), rights);
            return error == SyscallError.None ? MapWithTables(RootSpace.Slot(copy), AddressSpace, address, rights) : error;
        }

        private SyscallError MapWithTables(CapSlot frame, CapSlot space, ulong address, CapRights rights) =>
            RootSpace.MapWithTables(_untyped, frame, space, address, rights);
    }
}
