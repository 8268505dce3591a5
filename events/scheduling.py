"""The B2B day's schedule: accepted meeting requests placed into slot x table (issue 17).

Plain Python with no Django and no database, so the admin, a task and the property tests
(``events/tests/test_scheduling.py``) all call the same code, and ``make bench-b2b`` measures
it alone.

The rules every schedule obeys (``violations`` checks them, and is the one copy of them):
nobody is in two meetings in one slot; each meeting is in a slot both sides are free; no
table holds two meetings in one slot, nor any in a slot where it is blocked; the fixed
meetings (placed and confirmed earlier) stay exactly at their slot and table; nobody has
more meetings than their cap, fixed ones counted. A request between the same two
participants twice is refused (``ValueError``): the second one is a duplicate the caller
must not pass, not a second meeting. So is a request to oneself or naming a participant
with no availability. Fixed meetings that break a rule themselves raise ``ValueError``
naming each broken rule: the scheduler never moves a confirmed meeting, so the caller
decides what becomes of one that no longer fits (a side's availability or cap edited after
scheduling).

The algorithm. Tables are interchangeable apart from the fixed and blocked ones, so a
schedule is first a choice of slot per request, with at most as many new meetings in a slot
as it has tables left, and table numbers are given afterwards (``_with_tables``: a meeting
takes the table one of its sides sat at in their last meeting when it is free, so one side
stays seated, else the lowest free number). Leaving tables out of the models also removes
their symmetry (every slot's solution in every permutation of its tables). Choosing the slots
so that the most meetings are placed is NP-hard (it contains edge colouring), so it is
solved with OR-Tools CP-SAT, the field's standard for such timetabling: an exact integer
model, a proven bound on the best, parallel search, a time limit. It runs in three steps,
each started from the best schedule so far (a hint), the first from first-fit greedy's
(``greedy``), so the result is never worse than greedy's:

1. Select (``_select``): the most requests a schedule could hold if slots never clashed, per
   participant no more than their cap left and their slots with a feasible request, no more
   than the relaxation below in all. One boolean per request: CP-SAT solves it exactly in
   about a second, and its optimum bounds every schedule.
2. Place all (``_place_all``): a slot for every selected request, nobody in two meetings in
   a slot, no more meetings in a slot than its open tables. A satisfiability problem, which
   CP-SAT's clause learning settles fast; when it succeeds and step 1 was optimal, so is
   the schedule.
3. Place most (``_place_most``), when step 2 fell short: one boolean per request and
   feasible slot, the number placed maximised, for the time left.

Why not step 3 alone: on ``make bench-b2b``'s instance with caps its linear relaxation
proves little and its search lifts greedy's 560 meetings to about 580 of 616 in eight
seconds, while steps 1 and 2 place all 616 in under two.

The bounds (``upper_bound`` is the stated relaxation): beyond the fixed meetings, no schedule
places more than the fewest of (requests) the requests that have a feasible slot,
(participants) half the sum over participants of the fewest of their meetings left under
their cap, their slots with a feasible request and their feasible requests, and (slots) the
sum over slots of the fewest of the tables left open, the feasible requests there and half
the participants with one. ``schedule`` reports the tightest of that, step 1's proven
optimum ("selection") and step 3's proven bound ("cp-sat"), and ``optimal`` when its
schedule reaches it.
"""

from __future__ import annotations

import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass, field

DEFAULT_TIME_LIMIT = 8.0


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
    ``bound_by``: ``"cp-sat"`` or the relaxation's term, see the module's docstring), and
    ``optimal`` says this one reaches it. ``solver`` made it: ``"cp-sat"`` or ``"greedy"``."""

    placed: Mapping[int, tuple[int, int]]
    upper_bound: int
    optimal: bool
    solver: str
    bound_by: str = ""


@dataclass(frozen=True)
class _Instance:
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


def schedule(
    problem: Problem,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    workers: int | None = None,
) -> Schedule:
    """As many of ``problem``'s requests placed as CP-SAT finds in ``time_limit`` seconds
    of search (the models' building comes on top), never fewer than ``greedy``. ``workers``
    is CP-SAT's number of parallel searches, by default the CPUs this process may use. With
    more than one worker, or stopped by the time limit, two runs may place different
    meetings."""
    instance = _prepare(problem)
    fixed = len(problem.fixed)
    best = _first_fit(instance)
    made_by = "greedy"
    bound, bound_by = _relaxation(instance)
    if fixed + len(best) >= bound:
        return _schedule(instance, best, bound, bound_by, made_by)

    # Imported here: OR-Tools takes most of a second to import, and the admin and the tests
    # that only check or number a schedule do not need it.
    from ortools.sat.python import cp_model

    search = _Search(cp_model, time_limit=time_limit, seed=seed, workers=workers or _cpus())
    selected, most = _select(instance, best, bound - fixed, search)
    if fixed + most < bound:
        bound, bound_by = fixed + most, "selection"
    placed = _place_all(instance, selected, best, search)
    if placed is not None and len(placed) > len(best):
        best, made_by = placed, "cp-sat"
    if fixed + len(best) < bound:
        found, most = _place_most(instance, best, bound - fixed, search)
        if fixed + most < bound:
            bound, bound_by = fixed + most, "cp-sat"
        if len(found) > len(best):
            best, made_by = found, "cp-sat"
    return _schedule(instance, best, bound, bound_by, made_by)


def greedy(problem: Problem) -> Schedule:
    """The first-fit baseline: requests in index order, each in the first slot where both
    sides are free and under their cap and a table is open; its bound is the relaxation."""
    instance = _prepare(problem)
    bound, bound_by = _relaxation(instance)
    return _schedule(instance, _first_fit(instance), bound, bound_by, "greedy")


def upper_bound(problem: Problem) -> int:
    """The stated relaxation (the module's docstring): no schedule places more meetings,
    fixed ones included."""
    return _relaxation(_prepare(problem))[0]


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


def _prepare(problem: Problem) -> _Instance:
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
    return _Instance(
        problem=problem,
        fixed_busy={participant: frozenset(slots) for participant, slots in fixed_busy.items()},
        open_tables=open_tables,
        room=room,
        candidates=candidates,
    )


def _first_fit(instance: _Instance) -> dict[int, int]:
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


def _relaxation(instance: _Instance) -> tuple[int, str]:
    """The stated relaxation's bound (the module's docstring) and the term that gives it."""
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


class _Search:
    """CP-SAT's solver settings and the time left, shared by the three steps."""

    def __init__(self, cp_model, *, time_limit: float, seed: int, workers: int):
        self.cp_model = cp_model
        self.deadline = time.monotonic() + time_limit
        self.seed = seed
        self.workers = workers

    def solve(self, model, *, share: float):
        """Solves ``model`` in ``share`` of the time left; the solver and whether it found
        a solution."""
        solver = self.cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.0, self.deadline - time.monotonic()) * share
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        # Presolve spent seconds on these models (dominance between thousands of at-most-ones)
        # and simplified next to nothing: the search gets the time instead.
        solver.parameters.cp_model_presolve = False
        status = solver.solve(model)
        return solver, status in (self.cp_model.OPTIMAL, self.cp_model.FEASIBLE)


def _select(
    instance: _Instance, hint: Mapping[int, int], most: int, search: _Search
) -> tuple[list[int], int]:
    """Step 1: the most requests a schedule could hold if slots never clashed: per
    participant no more than their cap left and their slots with a feasible request, no more
    than ``most`` (the relaxation) in all. Those requests, and the proven bound on how many
    there can be, which bounds every schedule too."""
    model = search.cp_model.CpModel()
    take = {index: model.new_bool_var(f"r{index}") for index in instance.candidates}
    per_participant: dict[Hashable, list] = defaultdict(list)
    slots_of: dict[Hashable, set[int]] = defaultdict(set)
    for index, variable in take.items():
        model.add_hint(variable, index in hint)
        for participant in instance.problem.requests[index]:
            per_participant[participant].append(variable)
            slots_of[participant].update(instance.candidates[index])
    for participant, variables in per_participant.items():
        room = min(instance.room.get(participant, len(variables)), len(slots_of[participant]))
        if room < len(variables):
            model.add(sum(variables) <= room)
    total = search.cp_model.LinearExpr.sum(list(take.values()))
    model.add(total <= most)
    model.maximize(total)
    solver, solved = search.solve(model, share=0.25)
    if not solved:
        return list(hint), most
    selected = [index for index, variable in take.items() if solver.value(variable)]
    return selected, min(most, math.floor(solver.best_objective_bound + 1e-6))


def _place_all(
    instance: _Instance, selected: Sequence[int], hint: Mapping[int, int], search: _Search
) -> dict[int, int] | None:
    """Step 2: a slot for every selected request, or None when CP-SAT finds none in its
    time (or proves there is none)."""
    model = search.cp_model.CpModel()
    chosen = _slot_variables(model, instance, selected, hint)
    for index in selected:
        model.add_exactly_one(chosen[index].values())
    solver, solved = search.solve(model, share=0.4)
    if not solved:
        return None
    return _chosen_slots(solver, chosen)


def _place_most(
    instance: _Instance, hint: Mapping[int, int], most: int, search: _Search
) -> tuple[dict[int, int], int]:
    """Step 3: the whole model, every request that has a feasible slot, the most placed
    (at most ``most``, the bound so far), from ``hint`` for the time left. The slots found
    and CP-SAT's proven bound."""
    model = search.cp_model.CpModel()
    chosen = _slot_variables(model, instance, list(instance.candidates), hint)
    variables = []
    for own in chosen.values():
        model.add_at_most_one(own.values())
        variables.extend(own.values())
    per_participant: dict[Hashable, list] = defaultdict(list)
    for index, own in chosen.items():
        for participant in instance.problem.requests[index]:
            per_participant[participant].extend(own.values())
    for participant, room in instance.room.items():
        if len(per_participant.get(participant, ())) > room:
            model.add(sum(per_participant[participant]) <= room)
    placed = search.cp_model.LinearExpr.sum(variables)
    # The bound so far holds for every schedule, so CP-SAT may stop as soon as it reaches it,
    # even where its own bound is weaker.
    model.add(placed <= most)
    model.maximize(placed)
    solver, solved = search.solve(model, share=1.0)
    if not solved:
        return dict(hint), most
    return _chosen_slots(solver, chosen), min(most, math.floor(solver.best_objective_bound + 1e-6))


def _slot_variables(model, instance: _Instance, requests: Sequence[int], hint: Mapping[int, int]):
    """One boolean per request and slot it could take, hinted from ``hint``; nobody twice in
    a slot, no more meetings in a slot than its open tables. Request -> slot -> boolean."""
    chosen: dict[int, dict[int, object]] = {}
    per_participant_slot: dict[tuple[Hashable, int], list] = defaultdict(list)
    per_slot: dict[int, list] = defaultdict(list)
    for index in requests:
        chosen[index] = {}
        for slot in instance.candidates[index]:
            variable = model.new_bool_var(f"r{index}s{slot}")
            chosen[index][slot] = variable
            model.add_hint(variable, hint.get(index) == slot)
            per_slot[slot].append(variable)
            for participant in instance.problem.requests[index]:
                per_participant_slot[participant, slot].append(variable)
    for variables in per_participant_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for slot, variables in per_slot.items():
        if len(variables) > len(instance.open_tables[slot]):
            model.add(sum(variables) <= len(instance.open_tables[slot]))
    return chosen


def _chosen_slots(solver, chosen) -> dict[int, int]:
    return {
        index: slot
        for index, own in chosen.items()
        for slot, variable in own.items()
        if solver.value(variable)
    }


def _schedule(
    instance: _Instance, slot_of: Mapping[int, int], bound: int, bound_by: str, solver: str
) -> Schedule:
    placed = _with_tables(instance, slot_of)
    return Schedule(
        placed=placed,
        upper_bound=bound,
        optimal=len(placed) >= bound,
        solver=solver,
        bound_by=bound_by,
    )


def _with_tables(instance: _Instance, slot_of: Mapping[int, int]) -> dict[int, tuple[int, int]]:
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


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
