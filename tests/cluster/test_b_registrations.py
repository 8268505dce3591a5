"""Registrations through the balancer onto both web hosts: the capacity lock holds across
hosts, and a web host dying mid-load loses no registration that was answered as a success."""

import threading
import time
import uuid
from collections import Counter

import pytest
import requests
from topology import CHECK_FALL, CHECK_FAST_MS, CHECK_INTER_MS, stats_states

from events.models import Registration

from .data import event_with_places, signed_in
from .web import BALANCER, STATS, Racer, client_source, load_forms, race, register

pytestmark = pytest.mark.cluster

TAKEN = (
    Registration.Status.CONFIRMED,
    Registration.Status.ATTENDED,
    Registration.Status.PENDING_PAYMENT,
    Registration.Status.PENDING_EMAIL,
)


RUN = uuid.uuid4().hex[:6]  # names of this run's events and people


def _racers(prefix: str, count: int, first_source: int) -> list[Racer]:
    emails = [f"{prefix}{n:03d}-{RUN}@clusters.test" for n in range(count)]
    sessions = signed_in(emails)
    # Fifty client addresses, so no one address passes the per-client throttle (30 an hour).
    return [
        Racer(email, sessions[email], client_source(first_source + n % 50))
        for n, email in enumerate(emails)
    ]


def _outcome(ticket_type) -> tuple[Counter, set[str]]:
    rows = Registration.objects.filter(ticket_type=ticket_type)
    return Counter(rows.values_list("status", flat=True)), set(rows.values_list("email", flat=True))


def test_500_concurrent_registrations_for_50_places_over_both_web_hosts_oversell_nothing(figures):
    """Proves the place lock is the database's, not a host's: 500 signed-in people post at
    the same moment through the balancer, which spreads them over web1 and web2; exactly the
    50 places are taken, nobody gets a 5xx, and everyone answered "registered" has a row."""
    _event, ticket_type, path = event_with_places(f"race-{RUN}", 50)
    racers = _racers("racer", 500, 0)
    load_forms(BALANCER, path, racers)

    started = time.monotonic()
    answers = race(BALANCER, path, racers, ticket_type.pk)
    elapsed = time.monotonic() - started

    statuses = Counter(a.status for a in answers)
    served = Counter(a.served_by for a in answers)
    counts, registered = _outcome(ticket_type)
    taken = sum(counts[s] for s in TAKEN)
    figures["race: answers by status"] = dict(sorted(statuses.items()))
    figures["race: answers by web host"] = dict(sorted(served.items()))
    figures["race: places taken / oversold"] = f"{taken} of 50 / {max(0, taken - 50)}"
    figures["race: waitlisted"] = counts[Registration.Status.WAITLISTED]
    figures["race: time for all 500 answers"] = f"{elapsed:.1f} s"

    assert not [s for s in statuses if s == 0 or s >= 500], statuses
    assert taken == 50
    assert served["web1"] and served["web2"], served
    assert {a.email for a in answers if a.status == 302} <= registered


def test_a_web_host_killed_mid_load_is_dropped_by_the_balancer_and_loses_no_registration(
    topology, figures
):
    """Proves failover: under a steady registration load through the balancer, web1's
    gunicorn (master and workers) is SIGKILLed. The balancer marks it down within its health
    check's reaction time (measured from the kill), no request started after that fails,
    every registration answered with a success is in the database, and no place is oversold.
    Requests web1 was serving at the kill fail (502): a browser would show an error there."""
    _event, ticket_type, path = event_with_places(f"failover-{RUN}", 50)
    racers = _racers("failover", 300, 50)
    load_forms(BALANCER, path, racers)
    assert stats_states(requests.get(STATS, timeout=5).text) == {"web1": "UP", "web2": "UP"}

    pending = list(reversed(racers))
    answers = []
    lock = threading.Lock()

    def load():
        while True:
            with lock:
                if not pending:
                    return
                racer = pending.pop()
            answer = register(BALANCER, path, racer, ticket_type.pk)
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=load) for _ in range(12)]
    for thread in threads:
        thread.start()
    try:
        while len(answers) < 100:
            time.sleep(0.01)
        sent_at_kill = len(answers)
        killed_at = time.monotonic()
        topology.kill("web1")
        down_at = None
        while time.monotonic() - killed_at < 30:
            states = stats_states(requests.get(STATS, timeout=5).text)
            if states.get("web1") != "UP" and states.get("web1", "").startswith("DOWN"):
                down_at = time.monotonic()
                break
            time.sleep(0.01)
    finally:
        for thread in threads:
            thread.join()

    assert down_at is not None, "the balancer never marked web1 down"
    failover = down_at - killed_at
    reaction = (CHECK_INTER_MS + (CHECK_FALL - 1) * CHECK_FAST_MS) / 1000
    statuses = Counter(a.status for a in answers)
    failed = [a for a in answers if a.status == 0 or a.status >= 500]
    late = [a for a in failed if a.started > down_at]
    after_down = Counter(a.served_by for a in answers if a.started > down_at)
    counts, registered = _outcome(ticket_type)
    taken = sum(counts[s] for s in TAKEN)
    succeeded = {a.email for a in answers if a.status == 302}
    figures["failover: web1 marked down after SIGKILL"] = (
        f"{failover * 1000:.0f} ms (on its first refused connection; the /healthz checks, every "
        f"{CHECK_INTER_MS} ms, {CHECK_FAST_MS} ms after a failure, down after {CHECK_FALL}, "
        f"would take at most {reaction * 1000:.0f} ms + one check)"
    )
    figures["failover: answers by status"] = dict(sorted(statuses.items()))
    figures["failover: failed answers (in flight on web1 at the kill)"] = len(failed)
    figures["failover: answers before the kill / in all"] = f"{sent_at_kill} / {len(answers)}"
    figures["failover: requests started after web1 was down, by host"] = dict(after_down)
    figures["failover: places taken / oversold"] = f"{taken} of 50 / {max(0, taken - 50)}"

    try:
        assert failover <= reaction + CHECK_INTER_MS / 1000 + 0.25
        assert not late, late[:5]
        assert "web1" not in after_down
        assert succeeded <= registered, sorted(succeeded - registered)[:5]
        assert taken <= 50
    finally:
        topology.start("web1")
        topology.wait_web("web1")
        topology.wait_balanced()
