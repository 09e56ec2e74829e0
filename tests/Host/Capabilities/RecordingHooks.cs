// Capability hooks for host tests: record every OnDelete (slot, final, and what the slot held at that moment)
// and let tests declare that objects of one type hold capability slots (as a kernel thread would).
using System.Collections.Generic;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;

namespace MinimalOS.Tests.Host.Capabilities
{
    internal sealed class DeleteLog
    {
        public readonly List<DeleteEvent> Events = new();

        /// <summary>Objects of this type hold HeldSlotCount slots at the start of their memory (None: no type does).</summary>
        public ObjectType HoldingType = ObjectType.Null;
        public int HeldSlotCount;
    }

    internal readonly record struct DeleteEvent(ulong Slot, bool Final, ObjectType Type, ulong Object, ulong Word0, byte Flags);

    internal unsafe struct RecordingHooks : ICapabilityHooks
    {
        private readonly DeleteLog _log;

        public RecordingHooks(DeleteLog log) => _log = log;

        public void OnDelete(CapabilitySlot* slot, bool final) =>
            _log.Events.Add(new DeleteEvent((ulong)slot, final, slot->Type, slot->ObjectAddress, slot->_word0, slot->_flags));

        public int HeldSlots(CapabilitySlot* finalSlot, out CapabilitySlot* first)
        {
            first = null;
            if (finalSlot->Type != _log.HoldingType || _log.HoldingType == ObjectType.Null)
                return 0;
            first = (CapabilitySlot*)finalSlot->ObjectPointer;
            return _log.HeldSlotCount;
        }
    }
}
