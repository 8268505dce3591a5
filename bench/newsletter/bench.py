"""The newsletter benchmark (see bench/newsletter/run.sh): baseline, a clean run and a run
with SIGKILLed workers, each counted per recipient at the SMTP server."""

import collections
import datetime
import multiprocessing
import os
import smtplib
import sys
import time
from pathlib import Path

import django
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsletter import dissemination  # noqa: E402
from newsletter.models import (  # noqa: E402
    Audience,
    Consent,
    Delivery,
    NewsletterIssue,
    Subscriber,
)
from newsletter.rendering import render_issue  # noqa: E402
from newsletter.sending import build_message  # noqa: E402
from tests.harness import CeleryWorkerProcess  # noqa: E402

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "50000"))
KILLS = int(os.environ.get("BENCH_KILLS", "4"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))
HOST, PORT = settings.EMAIL_HOST, int(settings.EMAIL_PORT)
# A killed worker's rows are requeued after this long (production: NEWSLETTER_SENDING_TIMEOUT).
STALE_AFTER = datetime.timedelta(seconds=10)


def _sink(port, ready, results, stop):
    """An aiosmtpd server in its own process that counts messages per recipient."""
    counts = collections.Counter()

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            for recipient in envelope.rcpt_tos:
                counts[recipient] += 1
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    results.put(dict(counts))


class Sink:
    def __enter__(self):
        self.ready, self.stop = multiprocessing.Event(), multiprocessing.Event()
        self.results = multiprocessing.Queue()
        self.process = multiprocessing.Process(
            target=_sink, args=(PORT, self.ready, self.results, self.stop), daemon=True
        )
        self.process.start()
        self.ready.wait(30)
        return self

    def counts(self) -> dict:
        self.stop.set()
        counts = self.results.get(timeout=60)
        self.process.join(10)
        return counts

    def __exit__(self, *exc):
        self.stop.set()


def _group_pids(pgid: int) -> list[int]:
    """The processes of a worker: its main process (the group leader) and its pool."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) == pgid:
                pids.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(pids, key=lambda pid: (pid != pgid, pid))


def _memory_kb(pid: int) -> tuple[int, int] | None:
    """RSS and PSS of one process. PSS counts a page shared by N processes as 1/N, so the
    sum over a worker's processes counts the copy-on-write pages of the pool once."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:])
    return int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])


class MemoryPeaks:
    """Peaks of one worker's processes, sampled during the send: the sum of PSS and of RSS
    over the processes, and each process' own (main, pool 1, pool 2, ...: by start order)."""

    def __init__(self):
        self.pss_sum = self.rss_sum = 0
        self.per_process: dict[str, list[int]] = {}

    def sample(self, pgid: int) -> None:
        rss_sum = pss_sum = 0
        for index, pid in enumerate(_group_pids(pgid)):
            memory = _memory_kb(pid)
            if memory is None:
                continue
            rss, pss = memory
            rss_sum, pss_sum = rss_sum + rss, pss_sum + pss
            role = "main" if index == 0 else f"pool {index}"
            peak = self.per_process.setdefault(role, [0, 0])
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
        self.rss_sum, self.pss_sum = max(self.rss_sum, rss_sum), max(self.pss_sum, pss_sum)


def generate() -> Audience:
    started = time.monotonic()
    existing = Subscriber.objects.count()
    now = timezone.now()
    batch = []

    def flush():
        # Audiences reach only subscribers whose consent is on record.
        created = Subscriber.objects.bulk_create(batch)
        Consent.objects.bulk_create(
            Consent(subscriber=s, action="imported", source="bench", created_at=now)
            for s in created
        )
        batch.clear()

    for n in range(existing, SUBSCRIBERS):
        batch.append(
            Subscriber(
                email=f"reader{n:06d}@bench.example.org",
                name=f"Reader {n}",
                status="confirmed",
                confirmed_at=now,
            )
        )
        if len(batch) == 5000:
            flush()
    flush()
    print(f"   {SUBSCRIBERS} confirmed subscribers in {time.monotonic() - started:.1f} s")
    return Audience.objects.get_or_create(name="Everyone", defaults={"include_subscribers": True})[
        0
    ]


def new_issue(audience, n) -> NewsletterIssue:
    body = [
        (
            "text",
            "<p>This month the cluster network meets in Niš for the Days of Clusters: "
            "the programme, calls for cluster projects and news from our members.</p>" * 3,
        ),
        (
            "call_to_action",
            {
                "title": "Register for the Days of Clusters",
                "text": "Seats are few.",
                "button_label": "Register",
                "page": None,
                "external_url": "https://example.org/events/",
            },
        ),
    ]
    return NewsletterIssue.objects.create(
        subject=f"Infocluster bench issue {n}",
        slug=f"bench-issue-{n}",
        language="en",
        audience=audience,
        body=body,
        preheader="News from the cluster network.",
    )


def baseline(issue) -> float:
    """A plain loop: one smtplib connection, the same message to every recipient."""
    rendered = render_issue(issue)
    sample = Delivery(issue=issue, email="reader000000@bench.example.org", name="Reader 0")
    data = build_message(issue, rendered, sample, "<bench@localhost>").message()
    data = data.as_bytes(linesep="\r\n")
    recipients = list(Subscriber.objects.order_by("pk").values_list("email", flat=True))
    with Sink() as sink:
        started = time.monotonic()
        with smtplib.SMTP(HOST, PORT) as smtp:
            for email in recipients:
                smtp.sendmail(settings.NEWSLETTER_FROM_EMAIL, [email], data)
        elapsed = time.monotonic() - started
        counts = sink.counts()
    rate = len(recipients) / elapsed
    print(
        f"   plain smtplib loop: {len(recipients)} messages in {elapsed:.1f} s = {rate:.0f} msg/s"
        f" ({len(data)} bytes each; {sum(counts.values())} received)"
    )
    return rate


def run(workers, audience, n, kills=0) -> dict:
    issue = new_issue(audience, n)
    sent = Delivery.objects.filter(issue=issue, status="sent")
    peaks = [MemoryPeaks() for _ in workers]
    kill_at = [SUBSCRIBERS * (k + 1) // (kills + 1) for k in range(kills)]
    killed = 0
    last_resume = time.monotonic()
    with Sink() as sink:
        started = time.monotonic()
        dissemination.issue_send_now(issue=issue)
        prepared = None
        while True:
            status, prepared_at = NewsletterIssue.objects.values_list("status", "prepared_at").get(
                pk=issue.pk
            )
            if prepared is None and prepared_at:
                prepared = time.monotonic() - started
            if status == "sent":
                break
            for i, worker in enumerate(workers):
                peaks[i].sample(worker.process.pid)
            if killed < len(kill_at) and sent.count() >= kill_at[killed]:
                victim = workers[killed % len(workers)]
                victim.kill()
                number = killed % len(workers) + 1
                print(f"   SIGKILL worker {number} at {sent.count()} sent; restarting it")
                victim.start()
                killed += 1
            if kills and time.monotonic() - last_resume > 5:
                # What beat does every minute, with a short NEWSLETTER_SENDING_TIMEOUT.
                dissemination.sending_resume(stale_after=STALE_AFTER)
                last_resume = time.monotonic()
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        counts = sink.counts()
    expected = set(Subscriber.objects.values_list("email", flat=True))
    duplicates = sum(c - 1 for c in counts.values() if c > 1)
    missing = len(expected - set(counts))
    return {
        "elapsed": elapsed,
        "prepared": prepared or 0.0,
        "received": sum(counts.values()),
        "duplicates": duplicates,
        "missing": missing,
        "peaks": peaks,
        "failed": Delivery.objects.filter(issue=issue, status="failed").count(),
        "kills": killed,
    }


def report(title, result, server_rate):
    rate = SUBSCRIBERS / result["elapsed"]
    print(f"== {title}")
    print(f"   recipients            {SUBSCRIBERS}")
    print(
        f"   total time            {result['elapsed']:.1f} s (deliveries prepared after "
        f"{result['prepared']:.1f} s)"
    )
    print(f"   messages/second       {rate:.0f}")
    print(f"   vs plain smtplib loop {rate / server_rate:.2f}x (of {server_rate:.0f} msg/s)")
    peaks = result["peaks"]
    print("   peak PSS per worker   " + ", ".join(f"{p.pss_sum / 1024:.0f} MB" for p in peaks))
    print("   peak RSS per worker   " + ", ".join(f"{p.rss_sum / 1024:.0f} MB" for p in peaks))
    print("   (sums over each worker's processes; per process, peak RSS / PSS in MB:)")
    for number, peak in enumerate(peaks, 1):
        cells = (
            f"{role} {rss / 1024:.0f}/{pss / 1024:.0f}"
            for role, (rss, pss) in peak.per_process.items()
        )
        print(f"     worker {number}: " + ", ".join(cells))
    print(f"   received at server    {result['received']}")
    print(f"   duplicates            {result['duplicates']}")
    print(f"   missing recipients    {result['missing']}")
    print(f"   failed deliveries     {result['failed']}")
    if result["kills"]:
        print(f"   workers SIGKILLed     {result['kills']}")


def main():
    print("== generate")
    audience = generate()
    print("== baseline (the server's limit)")
    server_rate = baseline(new_issue(audience, 0))
    env = {**os.environ}
    queue = getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery")
    workers = [CeleryWorkerProcess(env=env, queue=queue, concurrency=CONCURRENCY) for _ in range(2)]
    print(f"== two celery workers, prefork pool of {CONCURRENCY} each")
    for worker in workers:
        worker.start()
    try:
        # The machine may be shared: each run is compared with the mean of the plain loops
        # measured right before and right after it.
        first = run(workers, audience, 1)
        print("== baseline again")
        between = baseline(new_issue(audience, 101))
        report("run 1: two workers", first, (server_rate + between) / 2)
        second = run(workers, audience, 2, kills=KILLS)
        print("== baseline again")
        after = baseline(new_issue(audience, 102))
        report(
            f"run 2: two workers, {KILLS} SIGKILLs during the send",
            second,
            (between + after) / 2,
        )
    finally:
        for worker in workers:
            worker.stop()
            worker.kill()


if __name__ == "__main__":
    main()
