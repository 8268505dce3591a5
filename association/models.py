"""The queue of background work that django-tasks hands to the Celery worker
(``association/background.py``)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueuedTask(models.Model):
    """One django-tasks task (Wagtail's search and reference index updates, among others)
    waiting for the worker. Written in the transaction of the change that asked for it, so
    work is never lost to a broker outage and never runs for a change that was rolled back;
    deleted by the worker once done. The dashboard counts what is left."""

    task_path = models.CharField(_("task"), max_length=255)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    enqueued_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")

    def __str__(self):
        return f"{self.task_path}{tuple(self.args)}"
