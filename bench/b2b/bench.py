"""`make bench-b2b`: the B2B scheduler (events/scheduling.py) on a Business Cluster Club's
scale, against the first-fit greedy baseline on the same instance. No database. Prints
figures; asserts nothing on time. Two instances: the one issue 17 names, and the same with
each participant's cap on their meetings (item 3 of the issue lets them set one).

  BENCH_PARTICIPANTS (300), BENCH_REQUESTS (2000), BENCH_SLOTS (16), BENCH_TABLES (40)
  BENCH_CAPS (2-6)      the range of the second instance's caps, drawn per participant
  BENCH_SEED (0)        the instances and CP-SAT's seed
  BENCH_TIME_LIMIT (8)  CP-SAT's search, in seconds
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from events.scheduling import Problem, greedy, schedule, upper_bound, violations  # noqa: E402

BOUND_BY = {
    "cp-sat": "CP-SAT's proven bound (BestObjectiveBound)",
    "selection": (
        "step 1's proven optimum: the most requests a schedule could hold if slots never "
        "clashed (caps and free slots per participant, the tables in all)"
    ),
    "requests": "the relaxation's requests term: the requests that have a feasible slot",
    "participants": (
        "the relaxation's participants term: half the sum over participants of the fewest of "
        "their cap, their feasible slots and their feasible requests"
    ),
    "slots": (
        "the relaxation's slots term: the sum over slots of the fewest of the open tables, "
        "the feasible requests there and half the participants with one"
    ),
}


def instance(
    *,
    participants: int,
    requests: int,
    slots: int,
    tables: int,
    seed: int,
    caps: tuple[int, int] | None = None,
) -> Problem:
    """Each participant free in a random 10 to 16 of the slots (scaled to ``slots``);
    ``requests`` distinct pairs drawn at random, in the random order of their acceptance;
    with ``caps``, each participant's cap drawn from that range."""
    rng = random.Random(seed)
    fewest = max(1, round(slots * 10 / 16))
    people = range(participants)
    availability = {
        person: frozenset(rng.sample(range(slots), rng.randint(fewest, slots))) for person in people
    }
    pairs: dict[frozenset[int], tuple[int, int]] = {}
    while len(pairs) < requests:
        one, other = rng.sample(people, 2)
        pairs.setdefault(frozenset((one, other)), (one, other))
    return Problem(
        slots=slots,
        tables=tables,
        availability=availability,
        requests=list(pairs.values()),
        caps={person: rng.randint(*caps) for person in people} if caps else {},
    )


def run(problem: Problem, *, time_limit: float, seed: int) -> bool:
    """Prints one instance's figures; False when a schedule breaks a rule."""
    started = time.perf_counter()
    relaxation = upper_bound(problem)
    relaxation_seconds = time.perf_counter() - started
    started = time.perf_counter()
    baseline = greedy(problem)
    greedy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = schedule(problem, time_limit=time_limit, seed=seed)
    solver_seconds = time.perf_counter() - started

    bound = result.upper_bound
    print(f"  upper bound: {bound}, by {BOUND_BY[result.bound_by]}")
    print(f"  the relaxation alone: {relaxation} ({relaxation_seconds:.2f} s)")
    print(f"  {'':18}{'meetings':>9}{'of bound':>10}{'wall time':>11}")
    for name, placed, seconds in (
        (f"schedule ({result.solver})", result.placed, solver_seconds),
        ("greedy", baseline.placed, greedy_seconds),
    ):
        share = 100 * len(placed) / bound if bound else 100.0
        print(f"  {name:18}{len(placed):>9}{share:>9.1f}%{seconds:>10.2f}s")
    print(f"  proven optimal: {'yes' if result.optimal else 'no'}")
    broken = violations(problem, result.placed) + violations(problem, baseline.placed)
    for sentence in broken:
        print(f"  INVALID: {sentence}")
    return not broken


def main() -> int:
    sizes = {
        name: int(os.environ.get(f"BENCH_{name.upper()}", default))
        for name, default in (
            ("participants", 300),
            ("requests", 2000),
            ("slots", 16),
            ("tables", 40),
            ("seed", 0),
        )
    }
    fewest, most = (int(n) for n in os.environ.get("BENCH_CAPS", "2-6").split("-"))
    time_limit = float(os.environ.get("BENCH_TIME_LIMIT", 8))
    print(
        f"B2B scheduling: {sizes['participants']} participants, {sizes['requests']} accepted "
        f"requests, {sizes['slots']} slots x {sizes['tables']} tables, seed {sizes['seed']}; "
        f"CP-SAT time limit {time_limit:g} s, {len(os.sched_getaffinity(0))} CPUs"
    )
    valid = True
    for title, caps in (("no caps", None), (f"caps of {fewest}-{most} meetings", (fewest, most))):
        print(f"\n{title}:")
        problem = instance(**sizes, caps=caps)
        valid = run(problem, time_limit=time_limit, seed=sizes["seed"]) and valid
    return 0 if valid else 1


if __name__ == "__main__":
    sys.exit(main())
