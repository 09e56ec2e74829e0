// Routes device interrupts (global system interrupts of the I/O APICs, or ISA IRQs mapped through the
// MADT's overrides) to handlers: each route gets its own vector from 0x30-0xDF, a shared wrapper runs the
// handler and then sends the local APIC EOI, and the redirection entry targets the boot CPU. This is the
// one place device interrupts enter the kernel: when drivers move to user space, a route becomes an IRQ
// capability whose handler signals the driver's notification object instead of calling kernel code.
// Handlers run with interrupts off and must not allocate; a level-triggered device must be quiet before
// its handler returns, or it interrupts again right after the EOI. Never routes onto exception vectors.
// SMP: Initialize runs once on the boot CPU; after it the "interrupt routing" lock covers taking a vector
// and filling its route (order: interrupt routing -> I/O APIC), and log lines are written after release.
// The interrupt path reads a route without the lock: a route is complete before its line is unmasked.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal static unsafe class InterruptRouting
    {
        public const byte FirstDeviceVector = 0x30;
        public const byte LastDeviceVector = 0xDF;
        public const int IsaIrqs = 16;
        private const uint MaxPhysicalDestination = 0xFF;

        private static IoApic[] s_ioApics;
        private static int s_ioApicCount;
        private static uint s_destinationApicId;
        private static int s_nextVector = FirstDeviceVector;
        private static RouteTable s_routes;
        private const string LockName = "interrupt routing";
        // A plain-value lock in .bss: no static constructor on a type the interrupt path reads.
        private static TicketLock s_lock;

        private struct RouteTable
        {
            public fixed ulong Handlers[256];
            public fixed uint Gsis[256];
        }

        public static int IoApicCount => s_ioApicCount;

        public static IoApic IoApicAt(int index) => s_ioApics[index];

        /// <summary>
        /// Starts every I/O APIC of the MADT (all inputs masked) and takes the calling CPU (the boot CPU) as the
        /// destination of routed interrupts. False (logged) when there is no usable I/O APIC.
        /// </summary>
        public static bool Initialize(MadtInfo madt)
        {
            s_destinationApicId = LocalApic.Id;
            if (s_destinationApicId > MaxPhysicalDestination)
            {
                Log.Error("ioapic", $"boot CPU APIC id {s_destinationApicId} does not fit an I/O APIC destination (8 bits; would need interrupt remapping): device interrupts cannot be routed");
                return false;
            }
            if (madt is null || madt.IoApics.Count == 0)
            {
                Log.Error("ioapic", $"no I/O APIC in the MADT: device interrupts cannot be routed");
                return false;
            }
            s_ioApics = new IoApic[madt.IoApics.Count];
            for (int i = 0; i < madt.IoApics.Count; i++)
            {
                IoApic started = IoApic.Start(madt.IoApics[i]);
                if (started is not null)
                    s_ioApics[s_ioApicCount++] = started;
            }
            for (int i = 0; i < madt.Overrides.Count; i++)
            {
                MadtInterruptOverride o = madt.Overrides[i];
                Log.Info("ioapic", $"ISA IRQ {o.SourceIrq} -> GSI {o.Gsi} ({PolarityName(o.Polarity)}, {TriggerName(o.Trigger)})");
            }
            return s_ioApicCount > 0;
        }

        /// <summary>
        /// Routes ISA IRQ <paramref name="isaIrq"/> (0-15) to <paramref name="handler"/>: through the MADT override
        /// when there is one (e.g. the PIT's IRQ 0 -> GSI 2), otherwise GSI = IRQ, active high, edge. The line is
        /// unmasked on success; <paramref name="vector"/> names the route for Mask/Unmask.
        /// </summary>
        public static bool TryRouteIsaIrq(int isaIrq, delegate*<ref InterruptFrame, void> handler, out byte vector)
        {
            vector = 0;
            if (isaIrq < 0 || isaIrq >= IsaIrqs)
            {
                Log.Error("ioapic", $"ISA IRQ {isaIrq} does not exist (0-15): not routed");
                return false;
            }
            uint gsi = (uint)isaIrq;
            InterruptPolarity polarity = InterruptPolarity.ActiveHigh;
            InterruptTrigger trigger = InterruptTrigger.Edge;
            MadtInfo madt = AcpiStartup.Tables?.Madt;
            if (madt is not null && madt.TryFindIsaOverride((byte)isaIrq, out MadtInterruptOverride found))
            {
                gsi = found.Gsi;
                if (found.Polarity == InterruptPolarity.ActiveLow)
                    polarity = InterruptPolarity.ActiveLow;
                if (found.Trigger == InterruptTrigger.Level)
                    trigger = InterruptTrigger.Level;
            }
            return TryRouteGsi(gsi, polarity, trigger, handler, out vector);
        }

        /// <summary>Routes global system interrupt <paramref name="gsi"/> to <paramref name="handler"/> and unmasks it.</summary>
        public static bool TryRouteGsi(uint gsi, InterruptPolarity polarity, InterruptTrigger trigger, delegate*<ref InterruptFrame, void> handler, out byte vector)
        {
            vector = 0;
            IoApic ioApic = Find(gsi);
            if (ioApic is null || handler == null)
            {
                Log.Error("ioapic", $"GSI {gsi} not routed: {(handler == null ? "no handler" : "no I/O APIC handles it")}");
                return false;
            }
            s_lock.Acquire(LockName);
            bool taken = TryTakeVector(out vector);
            if (taken)
            {
                s_routes.Handlers[vector] = (ulong)handler;
                s_routes.Gsis[vector] = gsi;
                ioApic.Route(gsi, vector, polarity, trigger, s_destinationApicId, masked: false);
            }
            s_lock.Release(LockName);
            if (!taken)
            {
                Log.Error("ioapic", $"GSI {gsi} not routed: no free device vector left");
                return false;
            }
            Log.Info("ioapic", $"GSI {gsi} ({PolarityName(polarity)}, {TriggerName(trigger)}) -> vector {vector} on APIC {s_destinationApicId}");
            return true;
        }

        /// <summary>Stops the route's interrupts at the I/O APIC (they stay pending there for edge lines' next edge).</summary>
        public static bool Mask(byte vector) => SetMasked(vector, true);

        public static bool Unmask(byte vector) => SetMasked(vector, false);

        private static bool SetMasked(byte vector, bool masked)
        {
            s_lock.Acquire(LockName);
            bool routed = s_routes.Handlers[vector] != 0;
            if (routed)
            {
                uint gsi = s_routes.Gsis[vector];
                Find(gsi).SetMasked(gsi, masked);
            }
            s_lock.Release(LockName);
            return routed;
        }

        private static bool TryTakeVector(out byte vector)
        {
            while (s_nextVector <= LastDeviceVector)
            {
                vector = (byte)s_nextVector++;
                if (InterruptVectors.Register(vector, &OnRoutedInterrupt))
                    return true;
            }
            vector = 0;
            return false;
        }

        private static IoApic Find(uint gsi)
        {
            for (int i = 0; i < s_ioApicCount; i++)
            {
                if (s_ioApics[i].Handles(gsi))
                    return s_ioApics[i];
            }
            return null;
        }

        private static void OnRoutedInterrupt(ref InterruptFrame frame)
        {
            ulong handler = s_routes.Handlers[(byte)frame.Vector];
            if (handler != 0)
                ((delegate*<ref InterruptFrame, void>)handler)(ref frame);
            LocalApic.EndOfInterrupt();
        }

        private static string PolarityName(InterruptPolarity polarity) => polarity switch
        {
            InterruptPolarity.ActiveHigh => "active high",
            InterruptPolarity.ActiveLow => "active low",
            _ => "bus default polarity",
        };

        private static string TriggerName(InterruptTrigger trigger) => trigger switch
        {
            InterruptTrigger.Edge => "edge",
            InterruptTrigger.Level => "level",
            _ => "bus default trigger",
        };
    }
}
