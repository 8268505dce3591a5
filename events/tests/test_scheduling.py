"""The B2B scheduler (events/scheduling.py) on random small instances: every rule of a
schedule checked here by hand, not through ``violations``, and the number placed against an
exhaustive search. No database."""

import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.scheduling import Problem, greedy, schedule, upper_bound, violations

# The same examples in every run (as the fuzz tests), and no example database on disk.
PROPERTY = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def problems(draw, *, most_requests=9, most_slots=4):
    slots = draw(st.integers(1, most_slots))
    tables = draw(st.integers(1, 3))
    people = list(range(draw(st.integers(2, 6))))
    availability = {
        person: frozenset(draw(st.sets(st.integers(0, slots - 1)))) for person in people
    }
    pairs = draw(
        st.lists(
            st.sampled_from(list(itertools.combinations(people, 2))),
            unique=True,
            max_size=most_requests,
        )
    )
    requests = [pair if draw(st.booleans()) else pair[::-1] for pair in pairs]
    caps = draw(st.dictionaries(st.sampled_from(people), st.integers(0, 3)))
    blocked = draw(
        st.frozensets(st.tuples(st.integers(0, slots - 1), st.integers(0, tables - 1)), max_size=2)
    )
    return Problem(slots, tables, availability, requests, caps=caps, blocked=blocked)


@st.composite
def problems_with_fixed(draw, *, most_requests=9, most_slots=4):
    """A problem some of whose requests were placed and confirmed by an earlier run."""
    problem = draw(problems(most_requests=most_requests, most_slots=most_slots))
    earlier = greedy(problem).placed
    kept = draw(st.sets(st.sampled_from(sorted(earlier)))) if earlier else set()
    return _with(problem, fixed={index: earlier[index] for index in kept})


def _with(problem, **changes):
    fields = {
        "slots": problem.slots,
        "tables": problem.tables,
        "availability": problem.availability,
        "requests": problem.requests,
        "fixed": problem.fixed,
        "caps": problem.caps,
        "blocked": problem.blocked,
    }
    return Problem(**(fields | changes))


def _most_placeable(problem):
    """The most meetings any schedule of ``problem`` holds, by exhaustive search over each
    open request's slot (tables are interchangeable: a slot holds as many as its tables
    that are not blocked)."""
    busy = set()
    in_slot = Counter()
    meetings = Counter()
    for index, (slot, _) in problem.fixed.items():
        in_slot[slot] += 1
        for person in problem.requests[index]:
            busy.add((person, slot))
            meetings[person] += 1
    tables_in = [
        problem.tables - sum(1 for blocked_slot, _ in problem.blocked if blocked_slot == slot)
        for slot in range(problem.slots)
    ]
    cap = {person: problem.caps.get(person, problem.slots) for person in problem.availability}
    open_requests = [
        problem.requests[index]
        for index in range(len(problem.requests))
        if index not in problem.fixed
    ]
    best = 0

    def place(position, count):
        nonlocal best
        best = max(best, count)
        if position == len(open_requests) or count + len(open_requests) - position <= best:
            return
        one, other = open_requests[position]
        if meetings[one] < cap[one] and meetings[other] < cap[other]:
            for slot in problem.availability[one] & problem.availability[other]:
                if (one, slot) in busy or (other, slot) in busy or in_slot[slot] >= tables_in[slot]:
                    continue
                busy.update({(one, slot), (other, slot)})
                in_slot[slot] += 1
                meetings.update((one, other))
                place(position + 1, count + 1)
                busy.difference_update({(one, slot), (other, slot)})
                in_slot[slot] -= 1
                meetings.subtract((one, other))
        place(position + 1, count)

    place(0, 0)
    return len(problem.fixed) + best


@PROPERTY
@given(problems_with_fixed())
def test_nobody_is_in_two_meetings_in_one_slot(problem):
    placed = schedule(problem).placed
    seen = Counter(
        (person, slot) for index, (slot, _) in placed.items() for person in problem.requests[index]
    )
    assert max(seen.values(), default=0) <= 1


@PROPERTY
@given(problems_with_fixed())
def test_no_table_holds_two_meetings_in_one_slot_nor_one_where_it_is_blocked(problem):
    placed = schedule(problem).placed
    at = list(placed.values())
    assert len(at) == len(set(at))
    for slot, table in at:
        assert 0 <= slot < problem.slots and 0 <= table < problem.tables
        assert (slot, table) not in problem.blocked


@PROPERTY
@given(problems_with_fixed())
def test_every_meeting_is_in_a_slot_both_sides_are_free(problem):
    for index, (slot, _) in schedule(problem).placed.items():
        for person in problem.requests[index]:
            assert slot in problem.availability[person]


@PROPERTY
@given(problems_with_fixed())
def test_caps_hold_with_the_fixed_meetings_counted(problem):
    meetings = Counter(
        person for index in schedule(problem).placed for person in problem.requests[index]
    )
    for person, cap in problem.caps.items():
        assert meetings[person] <= cap


@PROPERTY
@given(problems_with_fixed(), st.data())
def test_fixed_meetings_stay_where_they_are_when_later_requests_are_scheduled(problem, data):
    first = schedule(problem).placed
    confirmed = data.draw(st.sets(st.sampled_from(sorted(first)))) if first else set()
    asked = {frozenset(pair) for pair in problem.requests}
    unasked = [
        pair
        for pair in itertools.combinations(sorted(problem.availability), 2)
        if frozenset(pair) not in asked
    ]
    later = []
    if unasked:
        later = data.draw(st.lists(st.sampled_from(unasked), unique=True, max_size=4))
    again = _with(
        problem,
        requests=[*problem.requests, *later],
        fixed={index: first[index] for index in confirmed},
    )
    placed = schedule(again).placed
    for index in confirmed:
        assert placed[index] == first[index]
    assert violations(again, placed) == []


@PROPERTY
@given(problems_with_fixed())
def test_the_schedule_and_greedy_break_no_rule_violations_knows(problem):
    assert violations(problem, schedule(problem).placed) == []
    assert violations(problem, greedy(problem).placed) == []


@PROPERTY
@given(problems_with_fixed(most_requests=8))
def test_the_solver_places_the_most_any_schedule_can_and_proves_it(problem):
    most = _most_placeable(problem)
    result = schedule(problem)
    assert len(result.placed) == most
    assert result.optimal and result.upper_bound == most


@PROPERTY
@given(problems_with_fixed(most_requests=8))
def test_no_schedule_places_more_than_the_upper_bound(problem):
    most = _most_placeable(problem)
    relaxation = upper_bound(problem)
    assert len(greedy(problem).placed) <= most <= relaxation
    assert greedy(problem).upper_bound == relaxation
    assert most <= schedule(problem).upper_bound <= relaxation


def test_cp_sat_beats_first_fit_where_first_fit_takes_the_only_slot_of_another():
    # First fit gives a and b slot 0, the only slot c shares with a; moving them to slot 1
    # makes room for both meetings.
    problem = Problem(
        slots=2,
        tables=1,
        availability={"a": frozenset({0, 1}), "b": frozenset({0, 1}), "c": frozenset({0})},
        requests=[("a", "b"), ("c", "a")],
    )
    assert greedy(problem).placed == {0: (0, 0)}
    result = schedule(problem)
    assert result.placed == {0: (1, 0), 1: (0, 0)}
    assert result.solver == "cp-sat" and result.optimal


def test_a_meeting_takes_the_table_one_of_its_sides_sat_at_in_their_last_meeting():
    everyone = frozenset({0, 1})
    problem = Problem(
        slots=2,
        tables=3,
        availability={person: everyone for person in "abcd"},
        requests=[("a", "b"), ("c", "d"), ("d", "a")],
        fixed={0: (0, 0), 1: (0, 2)},
    )
    assert schedule(problem).placed[2] in {(1, 0), (1, 2)}


def test_fixed_meetings_that_clash_are_refused_with_every_reason():
    everyone = frozenset({0, 1})
    problem = Problem(
        slots=2,
        tables=1,
        availability={"a": everyone, "b": everyone, "c": frozenset({1})},
        requests=[("a", "b"), ("a", "c")],
        fixed={0: (0, 0), 1: (0, 0)},
    )
    with pytest.raises(ValueError) as refused:
        schedule(problem)
    message = str(refused.value)
    assert "a already meets in slot 0" in message
    assert "table 1 holds request 0 in slot 0" in message
    assert "c is not free in slot 0" in message


def test_fixed_meetings_over_a_cap_are_refused():
    everyone = frozenset({0, 1})
    problem = Problem(
        slots=2,
        tables=2,
        availability={"a": everyone, "b": everyone, "c": everyone},
        requests=[("a", "b"), ("a", "c")],
        fixed={0: (0, 0), 1: (1, 0)},
        caps={"a": 1},
    )
    with pytest.raises(ValueError, match="a has 2 meetings, more than their cap of 1"):
        greedy(problem)


def test_a_second_request_between_the_same_pair_is_refused():
    everyone = frozenset({0})
    problem = Problem(
        slots=1,
        tables=1,
        availability={"a": everyone, "b": everyone},
        requests=[("a", "b"), ("b", "a")],
    )
    with pytest.raises(ValueError, match="requests 0 and 1 are both between b and a"):
        schedule(problem)


@pytest.mark.parametrize(
    ("requests", "reason"),
    [([("a", "a")], "from a to themselves"), ([("a", "z")], "z, who has no availability")],
)
def test_a_request_to_oneself_or_to_someone_unknown_is_refused(requests, reason):
    problem = Problem(slots=1, tables=1, availability={"a": frozenset({0})}, requests=requests)
    with pytest.raises(ValueError, match=reason):
        upper_bound(problem)


def test_violations_names_a_moved_fixed_meeting_and_a_cap_exceeded():
    everyone = frozenset({0, 1})
    problem = Problem(
        slots=2,
        tables=2,
        availability={"a": everyone, "b": everyone, "c": everyone},
        requests=[("a", "b"), ("a", "c")],
        fixed={0: (0, 0)},
        caps={"a": 1},
    )
    assert violations(problem, {0: (0, 1), 1: (1, 0)}) == [
        "a has 2 meetings, more than their cap of 1",
        "fixed request 0 must stay in slot 0 at table 1",
    ]


def test_the_scheduler_imports_without_django_or_or_tools():
    # The admin imports it; OR-Tools is loaded only when schedule() needs CP-SAT.
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, events.scheduling; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'ortools'}))",
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]"
