"""The schedules that need no solver: first-fit greedy, the local search that improves
one, and the numbering of tables once every meeting has its slot."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

from .rules import Instance


def first_fit(instance: Instance) -> dict[int, int]:
    """Request -> slot for the requests not fixed, by first fit in index order."""
    busy: dict[Hashable, set[int]] = defaultdict(set)
    for participant, slots in instance.fixed_busy.items():
        busy[participant].update(slots)
    room = dict(instance.room)
    left = [len(tables) for tables in instance.open_tables]
    chosen = {}
    for index, slots in instance.candidates.items():
        one, other = instance.problem.requests[index]
        if room.get(one) == 0 or room.get(other) == 0:
            continue
        for slot in slots:
            if left[slot] and slot not in busy[one] and slot not in busy[other]:
                chosen[index] = slot
                left[slot] -= 1
                for participant in (one, other):
                    busy[participant].add(slot)
                    if participant in room:
                        room[participant] -= 1
                break
    return chosen


def improve(instance: Instance, slot_of: Mapping[int, int]) -> dict[int, int]:
    """Local search from ``slot_of`` (request -> slot): each request left out takes a slot
    where both sides are free, or one where the meetings that hold its sides there, or one
    meeting of a slot whose tables are all taken, can move to another of their slots; pass
    after pass until one places nothing more."""
    problem = instance.problem
    slot_of = dict(slot_of)
    # (participant, slot) -> the request they meet for then; None for a fixed meeting
    holder: dict[tuple[Hashable, int], int | None] = {
        (participant, slot): None
        for participant, slots in instance.fixed_busy.items()
        for slot in slots
    }
    tenants: dict[int, set[int]] = defaultdict(set)
    for index, slot in slot_of.items():
        tenants[slot].add(index)
    room = dict(instance.room)

    def fits(index: int, slot: int) -> bool:
        return len(tenants[slot]) < len(instance.open_tables[slot]) and not any(
            (participant, slot) in holder for participant in problem.requests[index]
        )

    def put(index: int, slot: int) -> None:
        slot_of[index] = slot
        tenants[slot].add(index)
        for participant in problem.requests[index]:
            holder[participant, slot] = index

    def lift(index: int) -> None:
        slot = slot_of.pop(index)
        tenants[slot].discard(index)
        for participant in problem.requests[index]:
            del holder[participant, slot]

    def move_away(blockers: Sequence[int], slot: int) -> bool:
        """Every one of ``blockers`` out of ``slot`` into another of its slots, or none."""
        moved = []
        for index in blockers:
            lift(index)
            target = next(
                (
                    other
                    for other in instance.candidates[index]
                    if other != slot and fits(index, other)
                ),
                None,
            )
            if target is None:
                for back in [*moved, index]:
                    if back in slot_of:
                        lift(back)
                    put(back, slot)
                return False
            put(index, target)
            moved.append(index)
        return True

    for index, slot in slot_of.items():
        for participant in problem.requests[index]:
            holder[participant, slot] = index
            if participant in room:
                room[participant] -= 1
    placed_any = True
    while placed_any:
        placed_any = False
        for index, slots in instance.candidates.items():
            pair = problem.requests[index]
            if index in slot_of or any(room.get(participant) == 0 for participant in pair):
                continue
            for slot in slots:
                blockers = {holder.get((participant, slot), -1) for participant in pair} - {-1}
                if None in blockers:
                    continue
                if not blockers and not fits(index, slot):
                    # Both sides are free but every table is taken: make room, if any slot
                    # has a table to spare.
                    if not any(
                        len(tenants[other]) < len(instance.open_tables[other])
                        for other in range(problem.slots)
                    ) or not any(move_away([tenant], slot) for tenant in sorted(tenants[slot])):
                        continue
                elif blockers and not move_away(sorted(blockers), slot):
                    continue
                if fits(index, slot):
                    put(index, slot)
                    for participant in pair:
                        if participant in room:
                            room[participant] -= 1
                    placed_any = True
                    break
    return slot_of


def with_tables(instance: Instance, slot_of: Mapping[int, int]) -> dict[int, tuple[int, int]]:
    """The fixed meetings and ``slot_of``'s, each new one at a table: the one where one of
    its sides sat in their last meeting when it is open (so that side stays seated), else the
    lowest open number."""
    problem = instance.problem
    new_in: dict[int, list[int]] = defaultdict(list)
    for index, slot in sorted(slot_of.items()):
        new_in[slot].append(index)
    fixed_in: dict[int, list[int]] = defaultdict(list)
    for index, (slot, _) in problem.fixed.items():
        fixed_in[slot].append(index)
    placed = dict(problem.fixed)
    last_table: dict[Hashable, int] = {}
    for slot in range(problem.slots):
        open_tables = set(instance.open_tables[slot])
        waiting = []
        for index in new_in[slot]:
            kept = next(
                (
                    last_table[participant]
                    for participant in problem.requests[index]
                    if last_table.get(participant) in open_tables
                ),
                None,
            )
            if kept is None:
                waiting.append(index)
            else:
                placed[index] = (slot, kept)
                open_tables.discard(kept)
        for index, table in zip(waiting, sorted(open_tables), strict=False):
            placed[index] = (slot, table)
        for index in new_in[slot] + fixed_in[slot]:
            for participant in problem.requests[index]:
                last_table[participant] = placed[index][1]
    return placed
