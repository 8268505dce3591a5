"""``make run``'s database carries a whole send with the worker's two processes and beat
beside the site: SQLite in WAL mode, a busy timeout and transactions that take the write
lock when they begin (``association/settings/dev.py``). Marked ``sqlite``: these run on
``make run``'s configuration."""

import contextlib
import sqlite3

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from newsletter import dissemination
from newsletter.models import Delivery, NewsletterIssue
from newsletter.selectors import issue_progress
from newsletter.sending import TransientSendError, chunk_send
from tests.factories import NewsletterIssueFactory, ensure_wagtail_base

pytestmark = pytest.mark.sqlite
ON_SQLITE = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="make run's SQLite; the suite's PostgreSQL has none of it",
)


@ON_SQLITE
@pytest.mark.django_db
def test_make_runs_sqlite_is_in_wal_mode_waits_for_locks_and_begins_immediate():
    with connection.cursor() as cursor:
        journal_mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        busy_timeout = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]

    assert journal_mode == "wal"
    assert busy_timeout >= 30_000  # milliseconds
    assert synchronous == 1  # NORMAL
    assert connection.transaction_mode == "IMMEDIATE"


@contextlib.contextmanager
def write_lock_held_elsewhere():
    """Another process's transaction holding SQLite's write lock, and this connection
    waiting a tenth of a second for it instead of make run's thirty."""
    options = connection.settings_dict["OPTIONS"]
    timeout = options.get("timeout")
    connection.close()
    options["timeout"] = 0.1
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback()
        other.close()
        connection.close()
        options["timeout"] = timeout


@ON_SQLITE
@pytest.mark.django_db(transaction=True)
def test_a_locked_database_is_a_retry_noted_on_the_issue_and_then_goes_through():
    ensure_wagtail_base()
    issue = NewsletterIssueFactory(
        status="sending", prepared_at=timezone.now(), send_started_at=timezone.now()
    )
    rows = [Delivery.objects.create(issue=issue, email=f"reader{n}@example.org") for n in range(3)]

    with write_lock_held_elsewhere(), pytest.raises(TransientSendError) as error:
        chunk_send(issue_id=issue.pk, first_id=rows[0].pk, last_id=rows[-1].pk)
    dissemination.issue_note_problem(issue_id=issue.pk, error=str(error.value), retry_in=30)

    assert "database is locked" in str(error.value)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"queued"}
    issue.refresh_from_db()
    progress = issue_progress(issue=issue)
    assert "database is locked" in progress["error"] and progress["retry_at"]

    # The retry, with the lock gone, sends the chunk and clears the note once it is due.
    assert chunk_send(issue_id=issue.pk, first_id=rows[0].pk, last_id=rows[-1].pk)["sent"] == 3
    NewsletterIssue.objects.filter(pk=issue.pk).update(send_retry_at=timezone.now())
    dissemination.issue_note_progress(issue_id=issue.pk)
    issue.refresh_from_db()
    assert issue.send_error == "" and issue.send_retry_at is None
