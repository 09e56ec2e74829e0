// The issue's property test: long random sequences of copy, mint, move, delete, revoke, retype (every object
// type, nested untyped regions, CNodes and slot-holding Process objects that end up holding capabilities,
// their own included) and slot resolution, each applied to the core and to CapabilityModel, and after EVERY
// operation: the same result, every slot's content and parent equal to the model's, the derivation tree's
// links consistent, the hook told of exactly the slots the model deleted and of each destroyed object once,
// and the free bytes of every untyped equal to the model's. Revoking the root untyped at the end must
// leave all of its memory free. Fixed seeds, so a failure names the seed and the operation to replay.
using System;
using System.Collections.Generic;
using System.Linq;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class CapabilityPropertyTests
    {
        private const int Operations = 100_000;
        private const int MemoryBits = 22;

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomOperationsAgreeWithTheModel(int seed) => new Run(seed).Execute(Operations);

        private sealed class Run
        {
            private readonly Random _random;
            private readonly int _seed;
            private readonly CapabilityTestSpace _space = new(MemoryBits, rootRadix: 5);
            private readonly CapabilityModel _model;
            private readonly DeleteLog _log = new() { HoldingType = ObjectType.Process, HeldSlotCount = CapabilityModel.ProcessHeldSlots };
            private RecordingHooks _hooks;
            private readonly List<ulong> _universe = new();
            private int _universeGeneration = -1;
            private int _rootUntypedObject;
            private int _step;
            private string _operation = "";
            private readonly Dictionary<ulong, int> _childCount = new();

            public Run(int seed)
            {
                _seed = seed;
                _random = new Random(seed);
                _hooks = new RecordingHooks(_log);
                _model = new CapabilityModel((ulong)_space.DirectMap.ToPointer(new PhysicalAddress(0)));
                _model.AddRootUntyped((ulong)_space.Untyped, CapabilityTestSpace.PhysicalBase, MemoryBits);
                _rootUntypedObject = _model.Caps[(ulong)_space.Untyped].ObjectId;
            }

            public void Execute(int operations)
            {
                try
                {
                    for (_step = 0; _step < operations; _step++)
                    {
                        RecreateRootUntypedIfGone();
                        RefreshUniverse();
                        _log.Events.Clear();
                        RandomOperation();
                        RefreshUniverse();
                        CheckAgainstModel();
                    }
                    _operation = "final revoke of the root untyped";
                    RecreateRootUntypedIfGone();
                    ulong root = RootUntypedSlot();
                    _log.Events.Clear();
                    Dictionary<ulong, ModelCap> before = Snapshot();
                    Assert.Equal(_model.Revoke(root, out ModelDeletion deletion), Revoke(root));
                    CheckDeletion(deletion, before);
                    RefreshUniverse();
                    CheckAgainstModel();
                    if (_model.Caps.ContainsKey(root))
                    {
                        Assert.Single(_model.Caps);
                        Assert.Equal(1UL << MemoryBits, UntypedMemory.TotalFreeBytes((CapabilitySlot*)root));
                    }
                    else
                    {
                        Assert.Empty(_model.Caps);
                    }
                    Assert.Equal(_model.CapCount.Count, _model.Caps.Count);
                }
                catch (Exception failure) when (failure is not ReplayException)
                {
                    throw new ReplayException($"seed {_seed}, operation {_step}: {_operation}", failure);
                }
                finally
                {
                    _space.Dispose();
                }
            }

            private SyscallError Revoke(ulong slot) => CapabilityOperations.Revoke((CapabilitySlot*)slot, ref _hooks);

            private ulong RootUntypedSlot() => _model.Caps.First(c => c.Value.ObjectId == _rootUntypedObject).Key;

            // The root untyped can be deleted (moved into a CNode that dies); all its memory is free then.
            private void RecreateRootUntypedIfGone()
            {
                if (_model.CapCount.ContainsKey(_rootUntypedObject))
                    return;
                for (int i = 0; i < 1 << _space.RootRadix; i++)
                {
                    ulong slot = (ulong)_space.Root(i);
                    if (_model.Caps.ContainsKey(slot))
                        continue;
                    Assert.Equal(SyscallError.None, RootCapabilities.CreateUntyped((CapabilitySlot*)slot, new PhysicalAddress(CapabilityTestSpace.PhysicalBase), MemoryBits));
                    _model.AddRootUntyped(slot, CapabilityTestSpace.PhysicalBase, MemoryBits);
                    _rootUntypedObject = _model.Caps[slot].ObjectId;
                    return;
                }
            }

            private void RefreshUniverse()
            {
                if (_universeGeneration == _model.HolderGeneration)
                    return;
                _universeGeneration = _model.HolderGeneration;
                _universe.Clear();
                for (int i = 0; i < 1 << _space.RootRadix; i++)
                    _universe.Add((ulong)_space.Root(i));
                foreach ((ulong first, int count) in _model.Holders.Values)
                {
                    for (int i = 0; i < count; i++)
                        _universe.Add(first + (ulong)(i * CapabilitySlot.Size));
                }
            }

            private ulong AnySlot() => _universe[_random.Next(_universe.Count)];

            private ulong FullSlot()
            {
                for (int attempt = 0; attempt < 12 && _random.Next(40) != 0; attempt++)
                {
                    ulong slot = AnySlot();
                    if (_model.Caps.ContainsKey(slot))
                        return slot;
                }
                return AnySlot();
            }

            // Deleting or revoking the root untyped wipes everything, so do it rarely and let state build up.
            private ulong FullSlotMostlyNotTheRoot()
            {
                ulong slot = FullSlot();
                if (_model.Caps.TryGetValue(slot, out ModelCap cap) && cap.ObjectId == _rootUntypedObject && _random.Next(20) != 0)
                    slot = FullSlot();
                return slot;
            }

            private ulong EmptySlot()
            {
                for (int attempt = 0; attempt < 12 && _random.Next(40) != 0; attempt++)
                {
                    ulong slot = AnySlot();
                    if (!_model.Caps.ContainsKey(slot))
                        return slot;
                }
                return AnySlot();
            }

            private ulong UntypedSlot()
            {
                ulong[] untyped = _model.Caps.Where(c => c.Value.Type == ObjectType.Untyped).Select(c => c.Key).ToArray();
                return untyped.Length == 0 || _random.Next(20) == 0 ? FullSlot() : untyped[_random.Next(untyped.Length)];
            }

            private CapRights RandomMask() => _random.Next(2) == 0 ? CapRights.All : (CapRights)_random.Next(32);

            private void RandomOperation()
            {
                int choice = _random.Next(10000);
                if (choice < 2800)
                    Retype();
                else if (choice < 4900)
                    Copy();
                else if (choice < 5900)
                    Mint();
                else if (choice < 7200)
                    Move();
                else if (choice < 8700)
                    Delete(FullSlotMostlyNotTheRoot());
                else if (choice < 9250)
                    RevokeAndCheck(FullSlotMostlyNotTheRoot());
                else if (choice < 9400)
                    RevokeAndCheck(UntypedSlot());
                else if (choice < 9405 && _model.CapCount.ContainsKey(_rootUntypedObject))
                    RevokeAndCheck(RootUntypedSlot());
                else
                    ResolveThroughTheRoot();
            }

            private void Retype()
            {
                ulong untyped = UntypedSlot();
                (ObjectType type, int sizeBits) = _random.Next(40) switch
                {
                    < 6 => (ObjectType.Endpoint, 0),
                    < 9 => (ObjectType.Notification, 0),
                    < 14 => (ObjectType.Frame, 12),
                    < 20 => (ObjectType.CNode, _random.Next(1, 5)),
                    < 25 => (ObjectType.Process, 0),
                    < 31 => (ObjectType.Untyped, _random.Next(12, 19)),
                    < 33 => (ObjectType.Thread, 0),
                    < 35 => (ObjectType.AddressSpace, 0),
                    < 37 => (ObjectType.PageTable, 0),
                    38 => (ObjectType.Frame, 21),
                    _ => _random.Next(4) switch
                    {
                        0 => (ObjectType.DebugLog, 0),
                        1 => ((ObjectType)13, 0),
                        2 => (ObjectType.CNode, 0),
                        _ => (ObjectType.Untyped, 11),
                    },
                };
                int count = _random.Next(100) switch
                {
                    0 => 0,
                    1 => 257,
                    < 70 => 1,
                    _ => _random.Next(2, 5),
                };
                // Destinations: consecutive slots of the root CNode or of one slot-holding object.
                ulong first;
                int holder = _random.Next(_model.Holders.Count + 1);
                (ulong start, int slots) = holder == _model.Holders.Count ? ((ulong)_space.Root(0), 1 << _space.RootRadix) : _model.Holders.Values.ElementAt(holder);
                int fitting = Math.Clamp(count, 1, slots);
                if (count >= 1 && count <= 256)
                    count = fitting;
                first = start + (ulong)(_random.Next(slots - fitting + 1) * CapabilitySlot.Size);
                _operation = $"retype {Describe(untyped)} into {count} x {type}/{sizeBits} at {first:x}";
                SyscallError expected = _model.Retype(untyped, type, sizeBits, first, count);
                Assert.Equal(expected, UntypedMemory.Retype((CapabilitySlot*)untyped, type, sizeBits, (CapabilitySlot*)first, count, _space.DirectMap));
                Assert.Empty(_log.Events);
            }

            private void Copy()
            {
                ulong source = FullSlot(), destination = EmptySlot();
                CapRights mask = RandomMask();
                _operation = $"copy {Describe(source)} to {destination:x} mask {mask}";
                Assert.Equal(_model.Copy(source, destination, mask), CapabilityOperations.Copy((CapabilitySlot*)source, (CapabilitySlot*)destination, mask));
                Assert.Empty(_log.Events);
            }

            private void Mint()
            {
                ulong source = FullSlot(), destination = EmptySlot();
                CapRights mask = RandomMask();
                ulong badge = _random.Next(4) == 0 ? 0 : (ulong)_random.Next(1, 1000);
                int guardBits = _random.Next(20) == 0 ? 60 : _random.Next(0, 5);
                ulong guard = (ulong)_random.Next(0, 1 << Math.Min(guardBits, 5) + (_random.Next(10) == 0 ? 1 : 0));
                _operation = $"mint {Describe(source)} to {destination:x} mask {mask} badge {badge} guard {guard}/{guardBits}";
                _model.Caps.TryGetValue(source, out ModelCap cap);
                ulong data = cap != null && cap.Type == ObjectType.CNode ? CNodeGuard.Encode(guard, guardBits) : badge;
                SyscallError expected = _model.Mint(source, destination, mask, badge, guard, guardBits);
                Assert.Equal(expected, CapabilityOperations.Mint((CapabilitySlot*)source, (CapabilitySlot*)destination, mask, data));
                Assert.Empty(_log.Events);
            }

            private void Move()
            {
                ulong source = FullSlot(), destination = EmptySlot();
                _operation = $"move {Describe(source)} to {destination:x}";
                Assert.Equal(_model.Move(source, destination), CapabilityOperations.Move((CapabilitySlot*)source, (CapabilitySlot*)destination));
                Assert.Empty(_log.Events);
            }

            private void Delete(ulong slot)
            {
                _operation = $"delete {Describe(slot)}";
                Dictionary<ulong, ModelCap> before = Snapshot();
                SyscallError expected = _model.Delete(slot, out ModelDeletion deletion);
                Assert.Equal(expected, CapabilityOperations.Delete((CapabilitySlot*)slot, ref _hooks));
                CheckDeletion(deletion, before);
            }

            private void RevokeAndCheck(ulong slot)
            {
                _operation = $"revoke {Describe(slot)}";
                Dictionary<ulong, ModelCap> before = Snapshot();
                SyscallError expected = _model.Revoke(slot, out ModelDeletion deletion);
                Assert.Equal(expected, Revoke(slot));
                CheckDeletion(deletion, before);
            }

            private Dictionary<ulong, ModelCap> Snapshot() => _model.Caps.ToDictionary(c => c.Key, c => c.Value.Clone());

            private void CheckDeletion(ModelDeletion deletion, Dictionary<ulong, ModelCap> before = null)
            {
                if (deletion.Slots == null)
                {
                    Assert.Empty(_log.Events);
                    return;
                }
                Assert.Equal(deletion.Slots.Count, _log.Events.Count);
                Assert.True(deletion.Slots.SetEquals(_log.Events.Select(e => e.Slot)), "the hook saw other slots deleted than the model");
                var finals = new HashSet<int>();
                foreach (DeleteEvent e in _log.Events)
                {
                    Assert.Equal(0, e.Flags);
                    if (before == null)
                        continue;
                    ModelCap cap = before[e.Slot];
                    Assert.Equal(cap.Type, e.Type);
                    Assert.Equal(cap.Object, e.Object);
                    // An untyped revoked on its way out has no watermark left, but never shows a worklist link.
                    if (cap.Type == ObjectType.Untyped)
                        Assert.True(e.Word0 == cap.Watermark || e.Word0 == 0, "the hook saw a worklist link");
                    if (e.Final)
                        Assert.True(finals.Add(cap.ObjectId), "an object was destroyed twice");
                }
                if (before != null && !deletion.DestroyedObjects.SetEquals(finals))
                    Assert.Fail($"the hook saw objects {string.Join(",", finals)} destroyed, the model {string.Join(",", deletion.DestroyedObjects)}");
                foreach (int id in deletion.DestroyedObjects)
                    Assert.True(_model.Destroyed.Add(id), "the model destroyed an object twice");
            }

            // A slot one or two levels down, named the way a program would name it.
            private void ResolveThroughTheRoot()
            {
                int index = _random.Next(1 << _space.RootRadix);
                ulong slot = (ulong)_space.Root(index);
                _operation = $"resolve through root slot {index}";
                int rootBits = _space.RootRadix;
                if (!_model.Caps.TryGetValue(slot, out ModelCap cap) || cap.Type != ObjectType.CNode)
                {
                    Assert.Equal(SyscallError.InvalidCapability, CapabilitySpace.Resolve(_space.RootCNodeCap, CapSlot.At((ulong)index << 1, rootBits + 1), out _));
                    Assert.Equal(SyscallError.None, CapabilitySpace.Resolve(_space.RootCNodeCap, CapSlot.At((ulong)index, rootBits), out CapabilitySlot* found));
                    Assert.True((ulong)found == slot);
                    return;
                }
                int inner = _random.Next(1 << cap.SizeBits);
                int levelBits = cap.GuardBits + cap.SizeBits;
                ulong path = ((ulong)index << levelBits) | (cap.Guard << cap.SizeBits) | (uint)inner;
                Assert.Equal(SyscallError.None, CapabilitySpace.Resolve(_space.RootCNodeCap, CapSlot.At(path, rootBits + levelBits), out CapabilitySlot* resolved));
                Assert.Equal(cap.Object + (ulong)(inner * CapabilitySlot.Size), (ulong)resolved);
                if (cap.GuardBits > 0)
                {
                    ulong wrong = path ^ (1UL << cap.SizeBits);
                    Assert.Equal(SyscallError.InvalidCapability, CapabilitySpace.Resolve(_space.RootCNodeCap, CapSlot.At(wrong, rootBits + levelBits), out _));
                }
            }

            private string Describe(ulong slot) =>
                _model.Caps.TryGetValue(slot, out ModelCap cap) ? $"{slot:x} ({cap.Type} #{cap.ObjectId})" : $"{slot:x} (empty)";

            private void CheckAgainstModel()
            {
                _childCount.Clear();
                foreach (ModelCap cap in _model.Caps.Values)
                {
                    if (cap.Parent != 0)
                        _childCount[cap.Parent] = _childCount.GetValueOrDefault(cap.Parent) + 1;
                }
                int occupied = 0;
                ulong modelFree = 0;
                foreach (ulong address in _universe)
                {
                    CapabilitySlot* slot = (CapabilitySlot*)address;
                    if (!_model.Caps.TryGetValue(address, out ModelCap cap))
                    {
                        ulong* words = (ulong*)slot;
                        for (int i = 0; i < CapabilitySlot.Size / sizeof(ulong); i++)
                        {
                            if (words[i] != 0)
                                Assert.Fail($"slot {address:x} should be empty and all zero");
                        }
                        continue;
                    }
                    occupied++;
                    Assert.Equal(cap.Type, slot->Type);
                    Assert.Equal(cap.Object, slot->ObjectAddress);
                    Assert.Equal(cap.SizeBits, slot->SizeBits);
                    Assert.Equal(cap.Rights, slot->Rights);
                    Assert.Equal(0, slot->_flags);
                    if ((ulong)slot->Parent != cap.Parent)
                        Assert.Fail($"slot {address:x}: parent {(ulong)slot->Parent:x}, model {cap.Parent:x}");
                    switch (cap.Type)
                    {
                        case ObjectType.Endpoint:
                        case ObjectType.Notification:
                            Assert.Equal(cap.Badge, slot->Badge);
                            break;
                        case ObjectType.CNode:
                            Assert.Equal(cap.Guard, slot->CNodeGuard);
                            Assert.Equal(cap.GuardBits, slot->CNodeGuardBits);
                            break;
                        case ObjectType.Untyped:
                            ulong free = (1UL << cap.SizeBits) - (_childCount.ContainsKey(address) ? cap.Watermark : 0);
                            Assert.Equal(free, UntypedMemory.FreeBytes(slot));
                            modelFree += free;
                            break;
                    }
                    CheckChildren(slot, cap, _childCount.GetValueOrDefault(address));
                }
                Assert.Equal(_model.Caps.Count, occupied);
                if (_model.CapCount.ContainsKey(_rootUntypedObject))
                    Assert.Equal(modelFree, UntypedMemory.TotalFreeBytes((CapabilitySlot*)RootUntypedSlot()));
            }

            private void CheckChildren(CapabilitySlot* slot, ModelCap cap, int expected)
            {
                if (slot->PrevSibling != null)
                    Expect(slot->PrevSibling->NextSibling == slot, "previous sibling's link", slot);
                else if (slot->Parent != null)
                    Expect(slot->Parent->FirstChild == slot, "parent's first-child link", slot);
                if (slot->NextSibling != null)
                    Expect(slot->NextSibling->PrevSibling == slot, "next sibling's link", slot);
                if (slot->Parent == null && slot->NextSibling != null)
                    Expect(slot->NextSibling->Type == slot->Type && slot->NextSibling->ObjectAddress == slot->ObjectAddress, "parentless siblings naming one object", slot);
                int count = 0;
                CapabilitySlot* previous = null;
                for (CapabilitySlot* child = slot->FirstChild; child != null; child = child->NextSibling)
                {
                    Expect(++count <= expected, "no more children than the model", slot);
                    Expect(child->Parent == slot && child->PrevSibling == previous, "children's parent and previous links", slot);
                    if (cap.Type != ObjectType.Untyped)
                        Expect(child->Type == slot->Type && child->ObjectAddress == slot->ObjectAddress, "copies naming their parent's object", slot);
                    previous = child;
                }
                Assert.Equal(expected, count);
            }

            private static void Expect(bool holds, string what, CapabilitySlot* slot)
            {
                if (!holds)
                    Assert.Fail($"slot {(ulong)slot:x}: {what}");
            }
        }

        private sealed class ReplayException : Exception
        {
            public ReplayException(string message, Exception inner) : base(message, inner) { }
        }
    }
}
