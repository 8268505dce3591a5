"""The B2B day's problem, the rules a schedule obeys and the bound on how many meetings
any schedule holds; what the heuristics and the CP-SAT steps share."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """A B2B day. Slots are ``0..slots-1``, in time order; tables are ``0..tables-1``,
    printed as their index + 1. ``requests[i]`` is request ``i``, a pair of participants
    (any hashable id) whose meeting was accepted; ``fixed`` maps a request to its
    ``(slot, table)`` when it is already placed and confirmed; ``caps`` the most meetings a
    participant wants (absent: no cap); ``blocked`` the ``(slot, table)`` pairs where a
    table cannot be used."""

    slots: int
    tables: int
    availability: Mapping[Hashable, frozenset[int]]
    requests: Sequence[tuple[Hashable, Hashable]]
    fixed: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    caps: Mapping[Hashable, int] = field(default_factory=dict)
    blocked: Set[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class Schedule:
    """``placed`` maps each placed request to its ``(slot, table)``, the fixed ones
    included; no schedule of the problem places more than ``upper_bound`` (named by
    ``bound_by``: ``"cp-sat"`` or the relaxation's term, see ``events.scheduling``'s docstring), and
    ``optimal`` says this one reaches it. ``solver`` made it: ``"cp-sat"``, ``"local search"``
    or ``"greedy"``."""

    placed: Mapping[int, tuple[int, int]]
    upper_bound: int
    optimal: bool
    solver: str
    bound_by: str = ""


@dataclass(frozen=True)
class Instance:
    """A checked problem with what its fixed meetings leave to the others."""

    problem: Problem
    # participant -> the slots their fixed meetings take
    fixed_busy: Mapping[Hashable, frozenset[int]]
    # slot -> the tables open for new meetings, ascending
    open_tables: Sequence[Sequence[int]]
    # participant -> meetings left under their cap; absent: no cap
    room: Mapping[Hashable, int]
    # request not fixed -> the slots it could take, ascending; requests with none left out
    candidates: Mapping[int, Sequence[int]]


def violations(problem: Problem, placed: Mapping[int, tuple[int, int]]) -> list[str]:
    """Every rule ``placed`` (request -> (slot, table)) breaks, one sentence each; empty
    when it is a valid schedule of ``problem``. Slots are named by index, tables by their
    printed number. Raises ``ValueError`` when the problem itself is malformed."""
    _check(problem)
    found = []
    in_slot: dict[tuple[Hashable, int], int] = {}
    at_table: dict[tuple[int, int], int] = {}
    meetings: Counter[Hashable] = Counter()
    for index, (slot, table) in placed.items():
        if not (isinstance(index, int) and 0 <= index < len(problem.requests)):
            found.append(f"request {index} does not exist")
            continue
        one, other = problem.requests[index]
        where = f"request {index} ({one} with {other})"
        if not 0 <= slot < problem.slots:
            found.append(f"{where}: there is no slot {slot}")
            continue
        if not 0 <= table < problem.tables:
            found.append(f"{where}: there is no table {table + 1}")
            continue
        if (slot, table) in problem.blocked:
            found.append(f"{where}: table {table + 1} cannot be used in slot {slot}")
        for participant in (one, other):
            meetings[participant] += 1
            if slot not in problem.availability[participant]:
                found.append(f"{where}: {participant} is not free in slot {slot}")
            taken = in_slot.setdefault((participant, slot), index)
            if taken != index:
                found.append(
                    f"{where}: {participant} already meets in slot {slot} (request {taken})"
                )
        taken = at_table.setdefault((slot, table), index)
        if taken != index:
            found.append(f"{where}: table {table + 1} holds request {taken} in slot {slot}")
    for participant, count in meetings.items():
        cap = problem.caps.get(participant)
        if cap is not None and count > cap:
            found.append(f"{participant} has {count} meetings, more than their cap of {cap}")
    for index, (slot, table) in problem.fixed.items():
        if placed.get(index) != (slot, table):
            found.append(f"fixed request {index} must stay in slot {slot} at table {table + 1}")
    return found


def _check(problem: Problem) -> None:
    """Refuses a malformed problem: what no schedule could mend."""
    if problem.slots < 0 or problem.tables < 0:
        raise ValueError("slots and tables cannot be negative")
    for participant, free in problem.availability.items():
        outside = sorted(slot for slot in free if not 0 <= slot < problem.slots)
        if outside:
            raise ValueError(f"{participant} is free in slots {outside}, which do not exist")
    first_of_pair: dict[frozenset, int] = {}
    for index, (one, other) in enumerate(problem.requests):
        if one == other:
            raise ValueError(f"request {index} is from {one} to themselves")
        for participant in (one, other):
            if participant not in problem.availability:
                raise ValueError(f"request {index} names {participant}, who has no availability")
        earlier = first_of_pair.setdefault(frozenset((one, other)), index)
        if earlier != index:
            raise ValueError(
                f"requests {earlier} and {index} are both between {one} and {other}: "
                "pass one request per pair"
            )
    for participant, cap in problem.caps.items():
        if cap < 0:
            raise ValueError(f"{participant}'s cap cannot be negative")
    for slot, table in problem.blocked:
        if not (0 <= slot < problem.slots and 0 <= table < problem.tables):
            raise ValueError(f"blocked table {table + 1} in slot {slot} does not exist")
    for index, at in problem.fixed.items():
        if not (isinstance(index, int) and 0 <= index < len(problem.requests)):
            raise ValueError(f"fixed request {index} does not exist")
        if len(at) != 2:
            raise ValueError(f"fixed request {index} needs a (slot, table), not {at!r}")


def prepare(problem: Problem) -> Instance:
    _check(problem)
    broken = violations(problem, problem.fixed)
    if broken:
        raise ValueError("the fixed meetings are not a valid schedule: " + "; ".join(broken))
    fixed_busy: dict[Hashable, set[int]] = defaultdict(set)
    taken_tables: set[tuple[int, int]] = set(problem.blocked)
    fixed_meetings: Counter[Hashable] = Counter()
    for index, (slot, table) in problem.fixed.items():
        taken_tables.add((slot, table))
        for participant in problem.requests[index]:
            fixed_busy[participant].add(slot)
            fixed_meetings[participant] += 1
    open_tables = [
        [table for table in range(problem.tables) if (slot, table) not in taken_tables]
        for slot in range(problem.slots)
    ]
    room = {
        participant: cap - fixed_meetings[participant] for participant, cap in problem.caps.items()
    }
    candidates = {}
    for index, (one, other) in enumerate(problem.requests):
        if index in problem.fixed or room.get(one) == 0 or room.get(other) == 0:
            continue
        slots = sorted(
            slot
            for slot in problem.availability[one] & problem.availability[other]
            if open_tables[slot]
            and slot not in fixed_busy.get(one, ())
            and slot not in fixed_busy.get(other, ())
        )
        if slots:
            candidates[index] = slots
    return Instance(
        problem=problem,
        fixed_busy={participant: frozenset(slots) for participant, slots in fixed_busy.items()},
        open_tables=open_tables,
        room=room,
        candidates=candidates,
    )


def relaxation(instance: Instance) -> tuple[int, str]:
    """The stated relaxation's bound (``events.scheduling``'s docstring) and the term that
    gives it."""
    problem = instance.problem
    requests_of: dict[Hashable, int] = Counter()
    slots_of: dict[Hashable, set[int]] = defaultdict(set)
    requests_in: Counter[int] = Counter()
    participants_in: dict[int, set[Hashable]] = defaultdict(set)
    for index, slots in instance.candidates.items():
        pair = problem.requests[index]
        for participant in pair:
            requests_of[participant] += 1
            slots_of[participant].update(slots)
        for slot in slots:
            requests_in[slot] += 1
            participants_in[slot].update(pair)
    participants = sum(
        min(count, len(slots_of[participant]), instance.room.get(participant, count))
        for participant, count in requests_of.items()
    )
    terms = {
        "requests": len(instance.candidates),
        "participants": participants // 2,
        "slots": sum(
            min(len(instance.open_tables[slot]), requests_in[slot], len(people) // 2)
            for slot, people in participants_in.items()
        ),
    }
    bound_by = min(terms, key=terms.__getitem__)
    return len(problem.fixed) + terms[bound_by], bound_by
