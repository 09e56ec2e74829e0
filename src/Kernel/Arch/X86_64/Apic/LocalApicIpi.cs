// Inter-processor interrupts sent through the calling CPU's local APIC interrupt command register (ICR):
// INIT and start-up IPIs for AP bring-up, fixed-vector IPIs (reschedule, cross-CPU calls) and NMIs (a
// panic stopping the other CPUs). Both APIC modes: xAPIC writes ICR high (destination) then ICR low
// (which sends) and waits for the delivery-status bit to clear; x2APIC writes the one 64-bit ICR MSR (no
// delivery status there). Interrupts are held off while the two xAPIC writes happen, so a handler that
// sends its own IPI cannot split them. Physical destination mode, no shorthand. Must never be used before
// LocalApic.InitializeThisCpu ran on this CPU.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal static unsafe class LocalApicIpi
    {
        private const uint CommandLowRegister = 0x300;
        private const uint CommandHighRegister = 0x310;
        private const uint DeliveryPending = 1u << 12;
        private const uint LevelAssert = 1u << 14;
        private const uint DeliveryInit = 5u << 8;
        private const uint DeliveryStartup = 6u << 8;
        private const uint DeliveryFixed = 0;
        private const uint DeliveryNmi = 4u << 8;
        private const uint XApicMaxId = 0xFF;
        private const ulong DeliveryTimeoutNanoseconds = 100_000_000;

        [RuntimeImport("*", "apic_x2apic_send_ipi")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void SendX2Apic(ulong command);

        /// <summary>INIT (level assert): puts the target into wait-for-start-up, wherever it was.</summary>
        public static bool SendInit(uint apicId) => Send(apicId, DeliveryInit | LevelAssert);

        /// <summary>Start-up IPI: the target (in wait-for-start-up) runs real-mode code at physical page <paramref name="page"/> * 4 KiB.</summary>
        public static bool SendStartup(uint apicId, byte page) => Send(apicId, DeliveryStartup | LevelAssert | page);

        /// <summary>Interrupt <paramref name="vector"/> on the CPU with APIC id <paramref name="apicId"/> (itself included).</summary>
        public static bool SendFixed(uint apicId, byte vector) => Send(apicId, DeliveryFixed | LevelAssert | vector);

        /// <summary>A non-maskable interrupt on the CPU with APIC id <paramref name="apicId"/> (vector 2, whatever its interrupt flag).</summary>
        public static bool SendNmi(uint apicId) => Send(apicId, DeliveryNmi | LevelAssert);

        /// <summary>False when the id cannot be addressed in this mode or an xAPIC never reported delivery.</summary>
        private static bool Send(uint apicId, uint command)
        {
            bool interruptsWereOn = Cpu.DisableInterruptsSaving();
            bool sent;
            if (LocalApic.Mode == LocalApicMode.X2Apic)
            {
                SendX2Apic(((ulong)apicId << 32) | command);
                sent = true;
            }
            else
            {
                sent = apicId <= XApicMaxId && WaitForDelivery();
                if (sent)
                {
                    LocalApic.Write(CommandHighRegister, apicId << 24);
                    LocalApic.Write(CommandLowRegister, command);
                    sent = WaitForDelivery();
                }
            }
            Cpu.RestoreInterrupts(interruptsWereOn);
            return sent;
        }

        private static bool WaitForDelivery()
        {
            if ((LocalApic.Read(CommandLowRegister) & DeliveryPending) == 0)
                return true;
            ulong deadline = TscClock.Nanoseconds() + DeliveryTimeoutNanoseconds;
            while ((LocalApic.Read(CommandLowRegister) & DeliveryPending) != 0)
            {
                if (TscClock.Nanoseconds() > deadline)
                    return false;
                Cpu.Pause();
            }
            return true;
        }
    }
}
