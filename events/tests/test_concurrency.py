"""Capacity under real concurrency: many threads, each with its own PostgreSQL connection,
register at the same moment; no more places are held than the ticket type has."""

from collections import Counter

import pytest

from events import services
from events.models import Registration
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    ensure_locales,
    ensure_wagtail_base,
)
from tests.harness import run_together

Status = Registration.Status
CAPACITY = 10
PEOPLE = 40


def _run_at_once(count, action):
    """Run ``action(i)`` in ``count`` threads released together; a "busy" answer is tried
    again, as the person would; return the outcomes."""

    def attempt(i):
        for _attempt in range(20):
            try:
                return action(i)
            except services.RegistrationBusy:
                continue
        return "busy"

    outcomes = run_together(attempt, count)
    for i, outcome in enumerate(outcomes):
        if isinstance(outcome, services.RegistrationError):
            outcomes[i] = f"refused: {outcome.message}"
        elif isinstance(outcome, Exception):
            raise outcome
    return outcomes


@pytest.fixture
def ticket(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    page = EventPageFactory(parent=index, ticket_types=[{"capacity": CAPACITY}])
    return page.ticket_types.get()


def _holding(ticket):
    return Registration.objects.filter(ticket_type=ticket, status__in=Registration.HOLDING).count()


def test_forty_people_at_once_fill_ten_places_and_queue_the_rest(ticket):
    outcomes = _run_at_once(
        PEOPLE,
        lambda i: (
            services.registration_create(
                ticket_type=ticket, name=f"Person {i}", email=f"person{i}@example.org"
            ).status
        ),
    )
    counts = Counter(outcomes)
    assert counts == {Status.PENDING_EMAIL: CAPACITY, Status.WAITLISTED: PEOPLE - CAPACITY}
    assert _holding(ticket) == CAPACITY
    waiting = Registration.objects.filter(ticket_type=ticket, status=Status.WAITLISTED)
    assert waiting.count() == PEOPLE - CAPACITY


def test_cancellations_and_registrations_racing_never_exceed_capacity(ticket):
    for i in range(CAPACITY + 10):
        services.registration_create(
            ticket_type=ticket, name=f"Early {i}", email=f"early{i}@example.org"
        )
    holders = list(
        Registration.objects.filter(ticket_type=ticket, status__in=Registration.HOLDING)[:6]
    )

    def action(i):
        if i < len(holders):
            return services.registration_cancel(registration=holders[i]).status
        return services.registration_create(
            ticket_type=ticket, name=f"Late {i}", email=f"late{i}@example.org"
        ).status

    outcomes = _run_at_once(len(holders) + 10, action)
    assert Counter(outcomes)[Status.CANCELLED] == len(holders)
    assert _holding(ticket) == CAPACITY
    # The places freed went to the earliest people waiting, not to the latecomers.
    promoted = Registration.objects.filter(
        ticket_type=ticket, status__in=Registration.HOLDING, name__startswith="Early"
    ).count()
    assert promoted == CAPACITY
