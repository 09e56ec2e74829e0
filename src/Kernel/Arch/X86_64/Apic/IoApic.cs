// One I/O APIC: its register window (index at +0x00, data at +0x10), version and redirection entries. At
// start every entry is masked, so no device interrupt arrives before a driver routes it. Each I/O APIC has
// an IRQ-safe lock held around every select/data pair and every read-modify-write of an entry, so CPUs
// and interrupt handlers (which may mask a line) never interleave them. Destinations are physical 8-bit APIC ids (larger x2APIC
// ids need interrupt remapping, which the kernel lacks). Must never touch an entry outside its GSI range.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal sealed unsafe class IoApic
    {
        private const uint SelectRegister = 0x00;
        private const uint DataRegister = 0x10;
        private const uint VersionIndex = 0x01;
        private const uint RedirectionBase = 0x10;
        private const ulong Masked = 1UL << 16;
        private const ulong LevelTriggered = 1UL << 15;
        private const ulong ActiveLow = 1UL << 13;
        private const int DestinationShift = 56;

        private readonly SpinLock _lock = new SpinLock("I/O APIC");
        // volatile: every access must reach the device, never a value the compiler kept from before.
        private volatile byte* _registers;

        private IoApic(byte id, byte* registers, uint gsiBase)
        {
            Id = id;
            _registers = registers;
            GsiBase = gsiBase;
            _lock.Acquire();
            uint version = Read(VersionIndex);
            _lock.Release();
            Version = (byte)version;
            EntryCount = (int)((version >> 16) & 0xFF) + 1;
        }

        public byte Id { get; }
        public uint GsiBase { get; }
        public byte Version { get; }

        /// <summary>Redirection entries (inputs): the version register's "maximum redirection entry" plus one.</summary>
        public int EntryCount { get; }

        public bool Handles(uint gsi) => gsi >= GsiBase && gsi - GsiBase < (uint)EntryCount;

        /// <summary>Maps the I/O APIC <paramref name="madt"/> describes and masks all its inputs; null (logged) on failure.</summary>
        public static IoApic Start(in MadtIoApic madt)
        {
            byte* registers = MmioWindow.Map(madt.Address, 0x20, "I/O APIC");
            if (registers == null)
                return null;
            var ioApic = new IoApic(madt.Id, registers, madt.GsiBase);
            for (int i = 0; i < ioApic.EntryCount; i++)
                ioApic.WriteEntry(i, Masked);
            Log.Info("ioapic", $"I/O APIC {madt.Id} at 0x{madt.Address.Value:x}: version 0x{ioApic.Version:x}, GSIs {madt.GsiBase}-{madt.GsiBase + (uint)ioApic.EntryCount - 1}, all masked");
            return ioApic;
        }

        /// <summary>Programs <paramref name="gsi"/> for fixed, physical delivery of <paramref name="vector"/> to the APIC <paramref name="destinationApicId"/>.</summary>
        public void Route(uint gsi, byte vector, InterruptPolarity polarity, InterruptTrigger trigger, uint destinationApicId, bool masked)
        {
            ulong entry = vector | ((ulong)(destinationApicId & 0xFF) << DestinationShift);
            if (polarity == InterruptPolarity.ActiveLow)
                entry |= ActiveLow;
            if (trigger == InterruptTrigger.Level)
                entry |= LevelTriggered;
            if (masked)
                entry |= Masked;
            _lock.Acquire();
            WriteEntry((int)(gsi - GsiBase), entry);
            _lock.Release();
        }

        public void SetMasked(uint gsi, bool masked)
        {
            int index = (int)(gsi - GsiBase);
            _lock.Acquire();
            ulong entry = ReadEntry(index);
            WriteEntry(index, masked ? entry | Masked : entry & ~Masked);
            _lock.Release();
        }

        public bool IsMasked(uint gsi)
        {
            _lock.Acquire();
            ulong entry = ReadEntry((int)(gsi - GsiBase));
            _lock.Release();
            return (entry & Masked) != 0;
        }

        // Below: the caller holds _lock (interrupts off).

        private ulong ReadEntry(int index)
        {
            uint low = Read(RedirectionBase + (uint)index * 2);
            uint high = Read(RedirectionBase + (uint)index * 2 + 1);
            return low | ((ulong)high << 32);
        }

        private void WriteEntry(int index, ulong entry)
        {
            // The mask bit lives in the low half: write the high half (destination) first so an entry is never
            // live with a stale destination.
            Write(RedirectionBase + (uint)index * 2 + 1, (uint)(entry >> 32));
            Write(RedirectionBase + (uint)index * 2, (uint)entry);
        }

        private uint Read(uint index)
        {
            *(uint*)(_registers + SelectRegister) = index;
            return *(uint*)(_registers + DataRegister);
        }

        private void Write(uint index, uint value)
        {
            *(uint*)(_registers + SelectRegister) = index;
            *(uint*)(_registers + DataRegister) = value;
        }
    }
}
