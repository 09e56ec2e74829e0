// Interface method dispatch. ilc calls interface methods through a dispatch cell (r11) whose stub is
// RhpInitialDynamicInterfaceDispatch (assembly), which calls RhpResolveInterfaceDispatch below with the
// receiver and the cell. The resolver finds the interface in the receiver's interface map, then the
// implementing slot through the dispatch maps of the receiver and its base classes (default interface
// methods come from the "default" entries).
using System;
using System.Runtime;

namespace Internal.Runtime
{
    internal static unsafe class InterfaceDispatch
    {
        [RuntimeExport("RhpResolveInterfaceDispatch")]
        private static nint RhpResolveInterfaceDispatch(object receiver, DispatchCell* cell)
        {
            if (receiver is null)
                throw new NullReferenceException();
            cell->GetTarget(out MethodTable* interfaceType, out ushort slot);
            nint target = FindImplementation(receiver.GetMethodTable(), interfaceType, slot);
            if (target == 0)
                RuntimeHooks.FailFast("interface method has no implementation");
            return target;
        }

        internal static nint FindImplementation(MethodTable* type, MethodTable* interfaceType, ushort slot)
        {
            for (MethodTable* current = type; current != null; current = current->BaseType)
            {
                nint target = FindInType(type, current, interfaceType, slot, defaults: false);
                if (target != 0)
                    return target;
            }
            for (MethodTable* current = type; current != null; current = current->BaseType)
            {
                nint target = FindInType(type, current, interfaceType, slot, defaults: true);
                if (target != 0)
                    return target;
            }
            return 0;
        }

        private static nint FindInType(MethodTable* receiverType, MethodTable* type, MethodTable* interfaceType, ushort slot, bool defaults)
        {
            DispatchMap* map = type->DispatchMap;
            if (map == null)
                return 0;
            DispatchMapEntry* entries = map->Entries;
            int first = defaults ? map->StandardEntryCount : 0;
            int end = defaults ? map->StandardEntryCount + map->DefaultEntryCount : map->StandardEntryCount;
            MethodTable** interfaces = type->InterfaceMap;
            for (int i = first; i < end; i++)
            {
                if (entries[i].InterfaceMethodSlot != slot || interfaces[entries[i].InterfaceIndex] != interfaceType)
                    continue;
                ushort implementation = entries[i].ImplementationSlot;
                if (implementation < type->NumVtableSlots)
                    return receiverType->Vtable[implementation];
                return type->GetSealedVirtualSlot(implementation - type->NumVtableSlots);
            }
            return 0;
        }
    }

    // Placeholder layout, replaced once the cell format of ilc 10.0.12 is confirmed.
    internal unsafe struct DispatchCell
    {
        internal nint Stub;
        internal nint Cache;

        internal void GetTarget(out MethodTable* interfaceType, out ushort slot)
        {
            interfaceType = (MethodTable*)Cache;
            slot = 0;
        }
    }
}
