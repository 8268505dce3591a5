"""The CP-SAT steps of ``events.scheduling.schedule`` (the package's docstring says why
each): select the requests to hold, place them all, else place the most."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

from ortools.sat.python import cp_model

from .rules import Instance


class Search:
    """CP-SAT's solver settings and the time left, shared by the three steps."""

    def __init__(self, *, time_limit: float, seed: int, workers: int):
        self.deadline = time.monotonic() + time_limit
        self.seed = seed
        self.workers = workers

    def solve(self, model, *, share: float):
        """Solves ``model`` in ``share`` of the time left; the solver and whether it found
        a solution."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.0, self.deadline - time.monotonic()) * share
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        # Presolve spent seconds on these models (dominance between thousands of at-most-ones)
        # and simplified next to nothing: the search gets the time instead.
        solver.parameters.cp_model_presolve = False
        status = solver.solve(model)
        return solver, status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def select(
    instance: Instance, hint: Mapping[int, int], most: int, search: Search
) -> tuple[list[int], int]:
    """Step 1: the most requests a schedule could hold if slots never clashed: per
    participant no more than their cap left and their slots with a feasible request, no more
    than ``most`` (the relaxation) in all. Those requests, and the proven bound on how many
    there can be, which bounds every schedule too."""
    model = cp_model.CpModel()
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
    total = cp_model.LinearExpr.sum(list(take.values()))
    model.add(total <= most)
    model.maximize(total)
    solver, solved = search.solve(model, share=0.2)
    if not solved:
        return list(hint), most
    selected = [index for index, variable in take.items() if solver.value(variable)]
    return selected, min(most, math.floor(solver.best_objective_bound + 1e-6))


def place_all(
    instance: Instance, selected: Sequence[int], hint: Mapping[int, int], search: Search
) -> dict[int, int] | None:
    """Step 2: a slot for every selected request, or None when CP-SAT finds none in its
    time (or proves there is none)."""
    model = cp_model.CpModel()
    chosen = _slot_variables(model, instance, selected, hint)
    for index in selected:
        model.add_exactly_one(chosen[index].values())
    solver, solved = search.solve(model, share=0.6)
    if not solved:
        return None
    return _chosen_slots(solver, chosen)


def place_most(
    instance: Instance, hint: Mapping[int, int], most: int, search: Search
) -> tuple[dict[int, int], int]:
    """Step 3: the whole model, every request that has a feasible slot, the most placed
    (at most ``most``, the bound so far), from ``hint`` for the time left. The slots found
    and CP-SAT's proven bound."""
    model = cp_model.CpModel()
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
    placed = cp_model.LinearExpr.sum(variables)
    # The bound so far holds for every schedule, so CP-SAT may stop as soon as it reaches it,
    # even where its own bound is weaker.
    model.add(placed <= most)
    model.maximize(placed)
    solver, solved = search.solve(model, share=1.0)
    if not solved:
        return dict(hint), most
    return _chosen_slots(solver, chosen), min(most, math.floor(solver.best_objective_bound + 1e-6))


def _slot_variables(model, instance: Instance, requests: Sequence[int], hint: Mapping[int, int]):
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
