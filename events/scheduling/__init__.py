"""The B2B day's schedule: accepted meeting requests placed into slot x table (issue 17).

Plain Python with no Django and no database, so the admin, a task and the property tests
(``events/tests/test_scheduling.py``) all call the same code, and ``make bench-b2b`` measures
it alone. ``rules`` holds the problem, the rules and the bound; ``heuristics`` first fit, the
local search and the numbering of tables; ``cpsat`` the solver's steps.

The rules every schedule obeys (``violations`` checks them, the one copy of them): nobody
is in two meetings in one slot; each meeting is in a slot both sides are free; no table
holds two meetings in one slot, nor any in a slot where it is blocked; the fixed meetings
(placed and confirmed earlier) stay exactly at their slot and table; nobody has more
meetings than their cap, fixed ones counted. A request between the same two participants
twice is refused (``ValueError``): the second one is a duplicate the caller must not pass,
not a second meeting. So is a request to oneself or naming a participant with no
availability. Fixed meetings that break a rule themselves raise ``ValueError`` naming each
broken rule: the scheduler never moves a confirmed meeting, so the caller decides what
becomes of one that no longer fits (a side's availability or cap edited after scheduling).

The algorithm. Tables are interchangeable apart from the fixed and blocked ones, so a
schedule is first a choice of slot per request, with at most as many new meetings in a slot
as it has tables left, and table numbers are given afterwards (``heuristics.with_tables``: a
meeting takes the table one of its sides sat at in their last meeting when it is free, so
one side stays seated, else the lowest free number). Leaving tables out of the models also
removes their symmetry (every slot's solution in every permutation of its tables). Choosing
the slots so that the most meetings are placed is NP-hard (it contains edge colouring), so
it is solved with OR-Tools CP-SAT, the field's standard for such timetabling: an exact
integer model, a proven bound on the best, parallel search, a time limit. It starts from
first-fit greedy's schedule (``greedy``) improved by a quick local search
(``heuristics.improve``: a request left out takes a slot once the meetings in its way move
to other slots of theirs), and runs in three steps, each started from the best schedule so
far (a hint), so the result is never worse than greedy's:

1. Select (``cpsat.select``): the most requests a schedule could hold if slots never
   clashed, per participant no more than their cap left and their slots with a feasible
   request, no more than the relaxation below in all. One boolean per request: CP-SAT
   solves it exactly in about a second, and its optimum bounds every schedule.
2. Place all (``cpsat.place_all``): a slot for every selected request, nobody in two
   meetings in a slot, no more meetings in a slot than its open tables. A satisfiability
   problem, which CP-SAT's clause learning settles fast; when it succeeds and step 1 was
   optimal, so is the schedule.
3. Place most (``cpsat.place_most``), when step 2 fell short: one boolean per request and
   feasible slot, the number placed maximised, for the time left.

Why not step 3 alone: on ``make bench-b2b``'s instance with caps its linear relaxation
proves little and its search lifts greedy's 560 meetings to about 580 of 616 in eight
seconds, while steps 1 and 2 place all 616 in about two. Where step 2 fails (every table
of a dense day taken, say) the local search's start is what step 3 keeps improving.

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

import os
from collections.abc import Mapping

from .heuristics import first_fit, improve, with_tables
from .rules import Instance, Problem, Schedule, prepare, relaxation, violations

__all__ = ["Problem", "Schedule", "greedy", "schedule", "upper_bound", "violations"]

DEFAULT_TIME_LIMIT = 8.0


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
    instance = prepare(problem)
    fixed = len(problem.fixed)
    best = first_fit(instance)
    made_by = "greedy"
    bound, bound_by = relaxation(instance)
    if fixed + len(best) >= bound:
        return _schedule(instance, best, bound, bound_by, made_by)
    improved = improve(instance, best)
    if len(improved) > len(best):
        best, made_by = improved, "local search"
        if fixed + len(best) >= bound:
            return _schedule(instance, best, bound, bound_by, made_by)

    # Imported here: OR-Tools takes most of a second to import, and the admin and the tests
    # that only check or number a schedule do not need it.
    from .cpsat import Search, place_all, place_most, select

    search = Search(time_limit=time_limit, seed=seed, workers=workers or _cpus())
    selected, most = select(instance, best, bound - fixed, search)
    if fixed + most < bound:
        bound, bound_by = fixed + most, "selection"
    placed = place_all(instance, selected, best, search)
    if placed is not None and len(placed) > len(best):
        best, made_by = placed, "cp-sat"
    if fixed + len(best) < bound:
        found, most = place_most(instance, best, bound - fixed, search)
        if fixed + most < bound:
            bound, bound_by = fixed + most, "cp-sat"
        if len(found) > len(best):
            best, made_by = found, "cp-sat"
    return _schedule(instance, best, bound, bound_by, made_by)


def greedy(problem: Problem) -> Schedule:
    """The first-fit baseline: requests in index order, each in the first slot where both
    sides are free and under their cap and a table is open; its bound is the relaxation."""
    instance = prepare(problem)
    bound, bound_by = relaxation(instance)
    return _schedule(instance, first_fit(instance), bound, bound_by, "greedy")


def upper_bound(problem: Problem) -> int:
    """The stated relaxation (the package's docstring): no schedule places more meetings,
    fixed ones included."""
    return relaxation(prepare(problem))[0]


def _schedule(
    instance: Instance, slot_of: Mapping[int, int], bound: int, bound_by: str, solver: str
) -> Schedule:
    placed = with_tables(instance, slot_of)
    return Schedule(
        placed=placed,
        upper_bound=bound,
        optimal=len(placed) >= bound,
        solver=solver,
        bound_by=bound_by,
    )


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
