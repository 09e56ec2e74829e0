// Interface method dispatch. ilc calls an interface method through a dispatch cell (address in r11) whose
// first word is the stub to call, initially RhpInitialDynamicInterfaceDispatch (assembly). The stub calls
// RhpResolveInterfaceDispatch below with the receiver and the cell, then jumps to the returned code.
// Resolution reads only what ilc emitted: the cell names the interface, the cell group names the slot, and
// the dispatch maps of the receiver's class chain name the implementing vtable or sealed slot (standard
// entries first, then default interface methods). Delegates bound to interface methods resolve the same
// way when they are created. The first resolution of a cell also caches its target for that receiver
// type (InterfaceDispatchCache). The resolver must stay allocation-free and re-entrant: it may run in an
// interrupt handler.
using System;
using System.Runtime;

namespace Internal.Runtime
{
    internal static unsafe class InterfaceDispatch
    {
        [RuntimeExport("RhpResolveInterfaceDispatch")]
        private static nint RhpResolveInterfaceDispatch(object receiver, InterfaceDispatchCell* cell) => Resolve(receiver, cell);

        /// <summary>The code that a call through <paramref name="cell"/> on <paramref name="receiver"/> must run.</summary>
        internal static nint Resolve(object receiver, InterfaceDispatchCell* cell)
        {
            if (receiver is null)
                throw new NullReferenceException();
            MethodTable* interfaceType = cell->InterfaceType;
            if (interfaceType == null)
                RuntimeHooks.FailFast("interface dispatch cell in an unknown format");
            MethodTable* type = receiver.GetMethodTable();
            nint target = FindImplementation(type, interfaceType, cell->Slot);
            if (target == 0)
                RuntimeHooks.FailFast("interface method has no implementation (variant and array interface calls are not supported)");
            if (!cell->UsesCache)
                InterfaceDispatchCache.Remember(cell, type, interfaceType, target);
            return target;
        }

        /// <summary>
        /// The code implementing slot <paramref name="slot"/> of <paramref name="interfaceType"/> for objects of
        /// type <paramref name="type"/>, or 0 if none: an explicit implementation anywhere in the class chain wins
        /// over a default interface method.
        /// </summary>
        internal static nint FindImplementation(MethodTable* type, MethodTable* interfaceType, ushort slot)
        {
            for (MethodTable* current = type; current != null; current = current->BaseType)
            {
                nint target = FindInDispatchMap(type, current, interfaceType, slot, defaults: false);
                if (target != 0)
                    return target;
            }
            for (MethodTable* current = type; current != null; current = current->BaseType)
            {
                nint target = FindInDispatchMap(type, current, interfaceType, slot, defaults: true);
                if (target != 0)
                    return target;
            }
            return 0;
        }

        // An implementation slot below the type's vtable size is a virtual slot, read from the receiver's own
        // vtable so that overrides in derived classes win; a higher one indexes the declaring type's sealed slots.
        private static nint FindInDispatchMap(MethodTable* receiverType, MethodTable* type, MethodTable* interfaceType, ushort slot, bool defaults)
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
                if (entries[i].InterfaceMethodSlot != slot || entries[i].InterfaceIndex >= type->NumInterfaces)
                    continue;
                if (interfaces[entries[i].InterfaceIndex] != interfaceType)
                    continue;
                ushort implementation = entries[i].ImplementationSlot;
                if (implementation < type->NumVtableSlots)
                    return receiverType->Vtable[implementation];
                return type->GetSealedVirtualSlot(implementation - type->NumVtableSlots);
            }
            return 0;
        }
    }
}
