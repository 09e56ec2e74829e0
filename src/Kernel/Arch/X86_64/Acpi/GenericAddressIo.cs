// Writes and reads the fixed ACPI registers an ACPI Generic Address Structure names, in system I/O space
// (port instructions) or system memory (through the direct map); PCI configuration space is reached
// through the legacy 0xCF8/0xCFC mechanism on bus 0 as the spec defines for the reset register. Any other
// space, an unmapped address or an unsupported width is refused (false), never guessed. Memory accesses are
// plain pointer accesses (the corelib has no Volatile): each is a single access the compiler cannot drop,
// because callers follow it with opaque port I/O or halts.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class GenericAddressIo
    {
        private const ushort PciConfigAddressPort = 0xCF8;
        private const ushort PciConfigDataPort = 0xCFC;

        /// <summary>The access width in bits: the register's bit width when it is 8/16/32, else <paramref name="defaultBits"/>.</summary>
        public static int Width(GenericAddress register, int defaultBits) =>
            register.BitWidth == 8 || register.BitWidth == 16 || register.BitWidth == 32 ? register.BitWidth : defaultBits;

        public static bool TryWrite(GenericAddress register, uint value, int defaultBits)
        {
            int bits = Width(register, defaultBits);
            switch (register.Space)
            {
                case GenericAddressSpace.SystemIo:
                    if (register.Address > 0xFFFF)
                        return false;
                    ushort port = (ushort)register.Address;
                    if (bits == 8) Cpu.OutByte(port, (byte)value);
                    else if (bits == 16) Cpu.OutWord(port, (ushort)value);
                    else Cpu.OutDword(port, value);
                    return true;
                case GenericAddressSpace.SystemMemory:
                    if (!KernelAddressSpace.TryGetDirectPointer(new PhysicalAddress(register.Address), (ulong)(bits / 8), out byte* pointer))
                        return false;
                    if (bits == 8) *(byte*)pointer = (byte)value;
                    else if (bits == 16) *(ushort*)pointer = (ushort)value;
                    else *(uint*)pointer = value;
                    return true;
                case GenericAddressSpace.PciConfiguration:
                    if (bits != 8)
                        return false;
                    // Address layout for PCI configuration space: device in bits 32-47, function in 16-31, offset in 0-15.
                    uint device = (uint)(register.Address >> 32) & 0x1F;
                    uint function = (uint)(register.Address >> 16) & 0x7;
                    uint offset = (uint)register.Address & 0xFF;
                    Cpu.OutDword(PciConfigAddressPort, 0x8000_0000u | device << 11 | function << 8 | (offset & 0xFC));
                    Cpu.OutByte((ushort)(PciConfigDataPort + (offset & 3)), (byte)value);
                    return true;
                default:
                    return false;
            }
        }

        public static bool TryRead(GenericAddress register, int defaultBits, out uint value)
        {
            value = 0;
            int bits = Width(register, defaultBits);
            switch (register.Space)
            {
                case GenericAddressSpace.SystemIo:
                    if (register.Address > 0xFFFF)
                        return false;
                    ushort port = (ushort)register.Address;
                    value = bits == 8 ? Cpu.InByte(port) : bits == 16 ? Cpu.InWord(port) : Cpu.InDword(port);
                    return true;
                case GenericAddressSpace.SystemMemory:
                    if (!KernelAddressSpace.TryGetDirectPointer(new PhysicalAddress(register.Address), (ulong)(bits / 8), out byte* pointer))
                        return false;
                    value = bits == 8 ? *(byte*)pointer : bits == 16 ? *(ushort*)pointer : *(uint*)pointer;
                    return true;
                default:
                    return false;
            }
        }
    }
}
