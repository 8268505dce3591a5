"""The Infocluster issue through the 20-ms relay: to 10,000 English readers with one worker
host and with two (worker hosts add throughput), and to 4,000 Serbian readers while worker
hosts are killed (no reader loses the message)."""

import time

import pytest
from django.utils import timezone
from topology import WORKER_CONCURRENCY

from association.celery import app
from newsletter import dissemination
from newsletter.models import Audience, Consent, NewsletterIssue, Subscriber

from .web import sink_counts, sink_reset

pytestmark = pytest.mark.cluster

READERS = 10_000  # English: the issue that measures the rate
KILLED_READERS = 4_000  # Serbian (Latin): the issue sent while worker hosts are killed


def _subscribers(prefix: str, count: int, language: str, now) -> None:
    emails = [f"{prefix}{n:05d}@readers.test" for n in range(count)]
    existing = set(Subscriber.objects.filter(email__in=emails).values_list("email", flat=True))
    created = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=email,
                name=f"Reader {n}",
                language=language,
                status="confirmed",
                confirmed_at=now,
            )
            for n, email in enumerate(emails)
            if email not in existing
        ],
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        (
            Consent(subscriber=s, action="imported", source="cluster", created_at=now)
            for s in created
        ),
        batch_size=2000,
    )


@pytest.fixture(scope="module")
def audience():
    now = timezone.now()
    _subscribers("reader", READERS, "en", now)
    _subscribers("citalac", KILLED_READERS, "sr-latn", now)
    return Audience.objects.get_or_create(name="Readers", defaults={"include_subscribers": True})[0]


def _readers(language: str) -> set[str]:
    confirmed = Subscriber.objects.filter(status="confirmed", language=language)
    return set(confirmed.values_list("email", flat=True))


def _ready(*hosts: str, timeout: float = 60) -> None:
    """Until each worker host answers a ping over the broker."""
    wanted = {f"{h}@cluster" for h in hosts}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answered = {name for reply in app.control.ping(timeout=1.0) for name in reply}
        if wanted <= answered:
            return
    raise AssertionError(f"worker hosts {sorted(wanted)} do not answer")


def _quiet(timeout: float = 120) -> None:
    """Until the relay has had nothing new for a second (earlier tests' mail is out)."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        now = sink_counts()["messages"]
        if now == last:
            return
        last = now
        time.sleep(1)


def _send(audience, title: str, language="en", on_progress=None, timeout: float = 400) -> dict:
    _quiet()
    sink_reset()
    issue = NewsletterIssue.objects.create(
        subject=f"Infocluster: {title}",
        slug=f"cluster-{title}-{int(time.time())}",
        language=language,
        audience=audience,
        body=[("text", "<p>The cluster network meets in Niš for the Days of Clusters.</p>")],
        preheader="News from the cluster network.",
    )
    started = time.monotonic()
    dissemination.issue_send_now(issue=issue)
    deadline = started + timeout
    while True:
        issue.refresh_from_db()
        if issue.status == NewsletterIssue.Status.SENT:
            break
        assert time.monotonic() < deadline, f"the issue is still {issue.status}"
        if on_progress:
            on_progress(issue)
        time.sleep(0.2)
    counts = sink_counts()
    delivered = counts["delivered"]
    readers = _readers(language)
    return {
        "issue": issue,
        "total": time.monotonic() - started,
        # Throughput at the relay: first to last message accepted.
        "rate": counts["messages"] / max(counts["last"] - counts["first"], 1e-6),
        "missing": sorted(readers - set(delivered)),
        "duplicates": {a: n for a, n in delivered.items() if n > 1},
        "failed": issue.deliveries.filter(status="failed").count(),
        "received": counts["messages"],
    }


def test_a_second_worker_host_shares_the_send(topology, audience, figures):
    """Proves the send spreads over the worker hosts it has: the same 10,000-message issue
    through the relay that takes 20 ms a message, with one worker host and then with two (each
    a prefork pool of WORKER_CONCURRENCY); each reader gets exactly one message both times.
    The rates at the relay and their ratio are printed with the run's figures (the issue asks
    for 1.8x or more), not asserted: speed is measured, not tested (make bench)."""
    topology.stop("worker2")
    _ready("worker1")
    one = _send(audience, "one-worker")
    topology.start("worker2")
    _ready("worker1", "worker2")
    two = _send(audience, "two-workers")

    ratio = two["rate"] / one["rate"]
    for name, result in (("one worker host", one), ("two worker hosts", two)):
        figures[f"newsletter, {name}"] = (
            f"{result['rate']:.0f} msg/s at the relay ({READERS} messages, "
            f"{result['total']:.1f} s from 'send' to 'sent'; pool of {WORKER_CONCURRENCY})"
        )
    figures["newsletter, two hosts / one"] = f"{ratio:.2f}x"
    for result in (one, two):
        assert result["received"] == READERS
        assert not result["missing"] and not result["duplicates"] and not result["failed"]


def test_worker_hosts_killed_mid_send_cost_nobody_a_message(topology, audience, figures):
    """Proves that no reader is lost to dead worker hosts, and measures the duplicates: a
    4,000-reader issue; every process of worker1 is SIGKILLed when a third of it is out, and
    worker2's when two thirds are, each host started again at once (as its service manager
    would); what a dead host had claimed goes back to the queue once
    NEWSLETTER_SENDING_TIMEOUT has passed (beat's newsletter-resume-sending). At the relay
    every reader has a message, and only a message in flight at a kill can have come twice:
    one per killed pool process at most.

    Exactly once does not hold strictly: the relay takes a message whose 250 it wrote while
    the killed process's connection was still open, which it stays until the kernel has torn
    the process down (milliseconds on a busy machine), and the row's commit, which follows
    the 250, never came (newsletter/sending.py)."""
    _ready("worker1", "worker2")
    kills = []

    def kill(issue):
        if len(kills) == 2:
            return
        sent = issue.deliveries.filter(status="sent").count()
        if sent >= KILLED_READERS * (len(kills) + 1) // 3:
            host = ("worker1", "worker2")[len(kills)]
            topology.kill(host)
            sending = issue.deliveries.filter(status="sending").count()
            kills.append(f"{host} at {sent} sent ({sending} claimed)")
            topology.start(host)

    result = _send(audience, "killed-workers", language="sr-latn", on_progress=kill)
    duplicates = result["duplicates"]
    figures["newsletter, worker hosts SIGKILLed mid-send"] = (
        f"{'; '.join(kills)}; {result['total']:.1f} s in all; received {result['received']}, "
        f"missing {len(result['missing'])}, duplicates {len(duplicates)}, "
        f"failed {result['failed']}"
    )
    assert len(kills) == 2, "the send ended before both worker hosts could be killed"
    assert result["received"] - sum(n - 1 for n in duplicates.values()) == KILLED_READERS
    assert not result["missing"], result["missing"][:10]
    assert not result["failed"]
    assert all(n == 2 for n in duplicates.values()), duplicates
    assert len(duplicates) <= 2 * WORKER_CONCURRENCY, duplicates
