// The property tests' model of capabilities, written the plain managed way and independently of the core:
// a dictionary from slot address to what the slot should hold (type, object, rights, badge, guard, parent
// slot, object identity), per-object capability counts, untyped watermarks, and the objects that hold
// slots (CNodes; Process objects in these tests). Deletion is predicted as a fixpoint (what must go:
// the target, every descendant of an untyped that goes, everything inside an object whose last capability
// goes) rather than step by step, so the model says nothing about the core's order of work.
using System.Collections.Generic;
using MinimalOS.Abi;

namespace MinimalOS.Tests.Host.Capabilities
{
    internal sealed class ModelCap
    {
        public ObjectType Type;
        public ulong Object;
        public int SizeBits;
        public CapRights Rights;
        public ulong Badge;
        public ulong Guard;
        public int GuardBits;
        public ulong Parent;
        public int ObjectId;
        public ulong Watermark;

        public ModelCap Clone() => (ModelCap)MemberwiseClone();
    }

    internal readonly record struct ModelDeletion(HashSet<ulong> Slots, HashSet<int> DestroyedObjects);

    internal sealed class CapabilityModel
    {
        public const int ProcessHeldSlots = 4;
        private const int SlotSize = 64;

        public readonly Dictionary<ulong, ModelCap> Caps = new();
        public readonly Dictionary<int, int> CapCount = new();
        /// <summary>Objects that hold slots, by identity: first slot address and slot count.</summary>
        public readonly Dictionary<int, (ulong First, int Count)> Holders = new();
        public readonly HashSet<int> Destroyed = new();
        private readonly ulong _kernelOffset;
        private int _nextObjectId = 1;

        /// <param name="kernelOffset">kernel address - physical address (the test space's direct map).</param>
        public CapabilityModel(ulong kernelOffset) => _kernelOffset = kernelOffset;

        /// <summary>Bumped whenever the set of slot-holding objects changes.</summary>
        public int HolderGeneration { get; private set; }

        public int NewObject(int caps = 1)
        {
            int id = _nextObjectId++;
            CapCount[id] = caps;
            return id;
        }

        public bool HasChildren(ulong slot)
        {
            foreach (ModelCap cap in Caps.Values)
            {
                if (cap.Parent == slot)
                    return true;
            }
            return false;
        }

        public ulong FreeBytes(ulong untypedSlot)
        {
            ModelCap cap = Caps[untypedSlot];
            return (1UL << cap.SizeBits) - (HasChildren(untypedSlot) ? cap.Watermark : 0);
        }

        public void AddRootUntyped(ulong slot, ulong physical, int sizeBits) =>
            Caps[slot] = new ModelCap { Type = ObjectType.Untyped, Object = physical, SizeBits = sizeBits, Rights = CapRights.All, ObjectId = NewObject() };

        public SyscallError Copy(ulong source, ulong destination, CapRights mask)
        {
            SyscallError error = CheckDerivation(source, destination);
            if (error == SyscallError.None)
                Derive(source, destination, mask);
            return error;
        }

        public SyscallError Mint(ulong source, ulong destination, CapRights mask, ulong badge, ulong guard, int guardBits)
        {
            SyscallError error = CheckDerivation(source, destination);
            if (error != SyscallError.None)
                return error;
            ModelCap from = Caps[source];
            if (from.Type == ObjectType.Endpoint || from.Type == ObjectType.Notification)
            {
                if (from.Badge != 0)
                    return SyscallError.IllegalOperation;
                Derive(source, destination, mask).Badge = badge;
                return SyscallError.None;
            }
            if (from.Type == ObjectType.CNode)
            {
                if (guardBits + from.SizeBits > 56 || guard >= (1UL << guardBits))
                    return SyscallError.Range;
                ModelCap cap = Derive(source, destination, mask);
                cap.Guard = guard;
                cap.GuardBits = guardBits;
                return SyscallError.None;
            }
            return SyscallError.IllegalOperation;
        }

        public SyscallError Move(ulong source, ulong destination)
        {
            if (!Caps.TryGetValue(source, out ModelCap cap))
                return SyscallError.SlotEmpty;
            if (Caps.ContainsKey(destination))
                return SyscallError.SlotOccupied;
            Caps.Remove(source);
            Caps[destination] = cap;
            foreach (ModelCap other in Caps.Values)
            {
                if (other.Parent == source)
                    other.Parent = destination;
            }
            return SyscallError.None;
        }

        public SyscallError Delete(ulong slot, out ModelDeletion deletion)
        {
            deletion = default;
            if (!Caps.ContainsKey(slot))
                return SyscallError.SlotEmpty;
            deletion = Remove(new[] { slot });
            return SyscallError.None;
        }

        public SyscallError Revoke(ulong slot, out ModelDeletion deletion)
        {
            deletion = default;
            if (!Caps.TryGetValue(slot, out ModelCap cap))
                return SyscallError.SlotEmpty;
            if ((cap.Rights & CapRights.Revoke) == 0)
                return SyscallError.InsufficientRights;
            deletion = Remove(Descendants(slot, ChildrenMap()));
            return SyscallError.None;
        }

        public SyscallError Retype(ulong untyped, ObjectType type, int sizeBits, ulong firstDestination, int count)
        {
            if (!Caps.TryGetValue(untyped, out ModelCap from))
                return SyscallError.SlotEmpty;
            if (from.Type != ObjectType.Untyped)
                return SyscallError.WrongType;
            int objectBits;
            switch (type)
            {
                case ObjectType.Untyped when sizeBits >= 12 && sizeBits <= 47: objectBits = sizeBits; break;
                case ObjectType.Frame when sizeBits == 12 || sizeBits == 21: objectBits = sizeBits; break;
                case ObjectType.CNode when sizeBits >= 1 && sizeBits <= 16: objectBits = sizeBits + 6; break;
                case ObjectType.Untyped:
                case ObjectType.Frame:
                case ObjectType.CNode:
                    return SyscallError.Range;
                case ObjectType.PageTable: objectBits = 12; break;
                case ObjectType.AddressSpace: objectBits = 13; break;
                case ObjectType.Thread: objectBits = 15; break;
                case ObjectType.Process: objectBits = 12; break;
                case ObjectType.Endpoint: objectBits = 6; break;
                case ObjectType.Notification: objectBits = 6; break;
                default: return SyscallError.InvalidArgument;
            }
            if (count < 1 || count > 256)
                return SyscallError.Range;
            for (int i = 0; i < count; i++)
            {
                if (Caps.ContainsKey(firstDestination + (ulong)(i * SlotSize)))
                    return SyscallError.SlotOccupied;
            }
            ulong size = 1UL << objectBits;
            ulong start = HasChildren(untyped) ? from.Watermark : 0;
            start = (start + size - 1) / size * size;
            if (objectBits > from.SizeBits || start + (ulong)count * size > (1UL << from.SizeBits))
                return SyscallError.OutOfMemory;
            for (int i = 0; i < count; i++)
            {
                ulong physical = from.Object + start + (ulong)i * size;
                bool physicalObject = type == ObjectType.Untyped || type == ObjectType.Frame;
                var cap = new ModelCap
                {
                    Type = type,
                    Object = physicalObject ? physical : physical + _kernelOffset,
                    SizeBits = physicalObject || type == ObjectType.CNode ? sizeBits : objectBits,
                    Rights = CapRights.All,
                    Parent = untyped,
                    ObjectId = NewObject(),
                };
                Caps[firstDestination + (ulong)(i * SlotSize)] = cap;
                if (type == ObjectType.CNode)
                    AddHolder(cap.ObjectId, cap.Object, 1 << sizeBits);
                else if (type == ObjectType.Process)
                    AddHolder(cap.ObjectId, cap.Object, ProcessHeldSlots);
            }
            from.Watermark = start + (ulong)count * size;
            return SyscallError.None;
        }

        private void AddHolder(int objectId, ulong first, int count)
        {
            Holders[objectId] = (first, count);
            HolderGeneration++;
        }

        private SyscallError CheckDerivation(ulong source, ulong destination)
        {
            if (!Caps.TryGetValue(source, out ModelCap cap))
                return SyscallError.SlotEmpty;
            if (cap.Type == ObjectType.Untyped || cap.Type == ObjectType.PageTable)
                return SyscallError.IllegalOperation;
            if (Caps.ContainsKey(destination))
                return SyscallError.SlotOccupied;
            return SyscallError.None;
        }

        private ModelCap Derive(ulong source, ulong destination, CapRights mask)
        {
            ModelCap cap = Caps[source].Clone();
            cap.Rights &= mask;
            cap.Parent = source;
            Caps[destination] = cap;
            CapCount[cap.ObjectId]++;
            return cap;
        }

        private Dictionary<ulong, List<ulong>> ChildrenMap()
        {
            var children = new Dictionary<ulong, List<ulong>>();
            foreach (KeyValuePair<ulong, ModelCap> entry in Caps)
            {
                if (entry.Value.Parent == 0)
                    continue;
                if (!children.TryGetValue(entry.Value.Parent, out List<ulong> list))
                    children[entry.Value.Parent] = list = new List<ulong>();
                list.Add(entry.Key);
            }
            return children;
        }

        private static List<ulong> Descendants(ulong slot, Dictionary<ulong, List<ulong>> children)
        {
            var found = new List<ulong>();
            var stack = new Stack<ulong>();
            stack.Push(slot);
            while (stack.Count > 0)
            {
                if (!children.TryGetValue(stack.Pop(), out List<ulong> list))
                    continue;
                foreach (ulong child in list)
                {
                    found.Add(child);
                    stack.Push(child);
                }
            }
            return found;
        }

        // The least set of slots closed under the deletion rules, then the survivors re-parented to their
        // nearest surviving ancestor, exactly what deleting a slot at a time with children moving up gives.
        private ModelDeletion Remove(IEnumerable<ulong> initial)
        {
            Dictionary<ulong, List<ulong>> children = ChildrenMap();
            var gone = new HashSet<ulong>();
            var destroyed = new HashSet<int>();
            var remaining = new Dictionary<int, int>();
            var work = new Queue<ulong>();
            void Add(ulong slot)
            {
                if (Caps.ContainsKey(slot) && gone.Add(slot))
                    work.Enqueue(slot);
            }
            foreach (ulong slot in initial)
                Add(slot);
            while (work.Count > 0)
            {
                ulong slot = work.Dequeue();
                ModelCap cap = Caps[slot];
                if (cap.Type == ObjectType.Untyped)
                {
                    foreach (ulong descendant in Descendants(slot, children))
                        Add(descendant);
                }
                if (!remaining.TryGetValue(cap.ObjectId, out int left))
                    left = CapCount[cap.ObjectId];
                remaining[cap.ObjectId] = --left;
                if (left > 0)
                    continue;
                destroyed.Add(cap.ObjectId);
                if (Holders.TryGetValue(cap.ObjectId, out (ulong First, int Count) held))
                {
                    for (int i = 0; i < held.Count; i++)
                        Add(held.First + (ulong)(i * SlotSize));
                }
            }

            foreach (KeyValuePair<ulong, ModelCap> entry in Caps)
            {
                if (gone.Contains(entry.Key))
                    continue;
                ulong parent = entry.Value.Parent;
                while (parent != 0 && gone.Contains(parent))
                    parent = Caps[parent].Parent;
                entry.Value.Parent = parent;
            }
            foreach (ulong slot in gone)
                Caps.Remove(slot);
            foreach (KeyValuePair<int, int> entry in remaining)
                CapCount[entry.Key] = entry.Value;
            foreach (int id in destroyed)
            {
                CapCount.Remove(id);
                if (Holders.Remove(id))
                    HolderGeneration++;
            }
            return new ModelDeletion(gone, destroyed);
        }
    }
}
