"""django-tasks on our Celery worker: Wagtail enqueues its search and reference index
updates (and image focal points, file deletions) through django-tasks; in production and under
``make run`` they run on the Celery worker we already have, not in the request that published.

No maintained django-tasks backend for Celery runs on Python 3.11, so this is a small one of
our own (``TASKS`` in the settings names it). ``enqueue`` writes a ``QueuedTask`` row in the
caller's transaction (one row per task and arguments in a transaction: a publish saves a page
several times) and, once that commits, sends its id to ``association.run_queued_task``. The
worker claims the row, runs the task and deletes the row. Beat's ``requeue_queued_tasks`` sends
again what the broker lost, frees rows of a worker that died, and gives up after
``MAX_ATTEMPTS`` (the row stays, failed, for the dashboard, ``queue_status``). The test suite
keeps django-tasks' immediate backend, which runs each task when it is enqueued.
"""

from __future__ import annotations

import datetime
import json
import logging
import traceback
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.exceptions import InvalidTaskError
from django_tasks.utils import normalize_json

from .models import QueuedTask

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A row not started this long after it was queued is sent to the worker again.
RESEND_AFTER = datetime.timedelta(minutes=2)
# How long the dashboard shows a task that was given up.
FAILED_KEPT = datetime.timedelta(days=7)


@dataclass
class _Batch:
    """The rows one transaction queued, sent to the worker when it commits."""

    rows: dict[str, int] = field(default_factory=dict)

    def send(self) -> None:
        for pk in self.rows.values():
            _send(pk)

    def is_registered(self) -> bool:
        """Whether ``send`` still waits for this transaction's commit (it is dropped with a
        rollback, and then a new batch starts)."""
        return any(
            getattr(callback, "__self__", None) is self
            for _sids, callback, _robust in connection.run_on_commit
        )


def _send(pk: int) -> None:
    from .tasks import run_queued_task  # tasks.py imports this module

    run_queued_task.delay(pk)


def _batch() -> _Batch:
    batch = getattr(connection, "_queued_task_batch", None)
    if batch is None or not batch.is_registered():
        batch = _Batch()
        connection._queued_task_batch = batch
        # robust: a broker outage leaves the rows for beat's requeue_queued_tasks rather
        # than turning a published page into an error page.
        transaction.on_commit(batch.send, robust=True)
    return batch


class CeleryBackend(BaseTaskBackend):
    """The ``TASKS`` backend that runs django-tasks tasks on the Celery worker."""

    def enqueue(self, task, args, kwargs) -> TaskResult:
        self.validate_task(task)
        if task.takes_context:
            raise InvalidTaskError("Tasks that take a context are not supported.")
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        key = json.dumps([task.module_path, args, kwargs], sort_keys=True)
        if connection.in_atomic_block:
            batch = _batch()
            pk = batch.rows.get(key)
            if pk is None:
                pk = QueuedTask.objects.create(
                    task_path=task.module_path, args=args, kwargs=kwargs
                ).pk
                batch.rows[key] = pk
        else:
            pk = QueuedTask.objects.create(task_path=task.module_path, args=args, kwargs=kwargs).pk
            transaction.on_commit(lambda: _send(pk), robust=True)
        return TaskResult(
            task=task,
            id=str(pk),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )


# Wagtail's search index updates (its search app re-exports modelsearch's tasks).
SEARCH_INDEX_TASKS = ("modelsearch.", "wagtail.search.")


def run(pk: int) -> None:
    """The worker's side: claim the row, run its task, delete the row. A row another worker
    claimed or finished is left alone."""
    now = timezone.now()
    claimed = QueuedTask.objects.filter(pk=pk, started_at__isnull=True, failed_at__isnull=True)
    if not claimed.update(started_at=now, attempts=F("attempts") + 1):
        return
    row = QueuedTask.objects.get(pk=pk)
    try:
        import_string(row.task_path).call(*row.args, **row.kwargs)
    except ObjectDoesNotExist:
        # The object was deleted before its turn came: there is nothing left to index.
        logger.info("Queued task %s: its object is gone", row)
    except Exception:
        logger.exception("Queued task %s failed", row)
        row.error = traceback.format_exc(limit=5)[-4000:]
        row.started_at = None
        row.failed_at = now if row.attempts >= MAX_ATTEMPTS else None
        row.save(update_fields=["error", "started_at", "failed_at"])
        return
    if row.task_path.startswith(SEARCH_INDEX_TASKS):
        # Search results are cached per content version (home.views.search), and the page
        # cache keys on it too: a result cached between the publish and this update would
        # otherwise miss the page until the next publish.
        from home.cache import bump_content_version

        bump_content_version()
    # Done: this row, and any earlier failure of the same work, which this run made good.
    QueuedTask.objects.filter(pk=pk).delete()
    QueuedTask.objects.filter(
        task_path=row.task_path, args=row.args, kwargs=row.kwargs, failed_at__isnull=False
    ).delete()


def requeue(now: datetime.datetime | None = None) -> int:
    """Beat's sweep: free the rows of a worker that died, send again what was not started in
    time. How many rows were sent."""
    now = now or timezone.now()
    QueuedTask.objects.filter(failed_at__lt=now - FAILED_KEPT).delete()
    QueuedTask.objects.filter(
        failed_at__isnull=True,
        started_at__lt=now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT),
    ).update(started_at=None)
    waiting = list(
        QueuedTask.objects.filter(
            failed_at__isnull=True, started_at__isnull=True, enqueued_at__lt=now - RESEND_AFTER
        ).values_list("pk", flat=True)
    )
    for pk in waiting:
        _send(pk)
    return len(waiting)


def run_all() -> int:
    """Run every queued task here and now, in this process (the benchmark's data generator,
    which has no worker). How many were run."""
    done = 0
    for pk in (
        QueuedTask.objects.filter(failed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        run(pk)
        done += 1
    return done


@dataclass
class QueueStatus:
    pending: int
    failed: int
    oldest: datetime.datetime | None
    last_error: str


def queue_status() -> QueueStatus:
    """What the dashboard shows: tasks waiting for the worker, tasks that failed."""
    counts = QueuedTask.objects.aggregate(
        total=Count("pk"),
        failed=Count("pk", filter=Q(failed_at__isnull=False)),
        oldest=Min("enqueued_at", filter=Q(failed_at__isnull=True)),
    )
    last = QueuedTask.objects.filter(failed_at__isnull=False).order_by("-failed_at").first()
    return QueueStatus(
        pending=counts["total"] - counts["failed"],
        failed=counts["failed"],
        oldest=counts["oldest"],
        last_error=last.error.strip().splitlines()[-1] if last and last.error.strip() else "",
    )
