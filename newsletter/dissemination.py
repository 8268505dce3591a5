"""An issue's life: draft -> scheduled -> sending -> sent. Sending freezes the rendering,
creates one Delivery per recipient and fans chunks out to the workers; the beat task
``newsletter.resume_sending`` finds what a killed worker left behind and carries on.
Staff's actions on an issue start here; what a worker does with one chunk is in
``newsletter.sending``."""

from __future__ import annotations

import datetime
import itertools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from association.mail import mail_send_on_commit
from association.public_url import base_url

from . import tasks  # tasks call back into this module: only its attributes are used here
from .models import Delivery, NewsletterIssue
from .rendering import personalise, render_issue
from .selectors import issue_recipients_iter
from .sending import build_message

# Readers written per INSERT while an issue is prepared. The pool process that prepares keeps
# the memory its largest batch took (model instances and their parameters, about 1.5 KB a
# reader): 2,000 left it 8 MB above the other pool processes after a 50,000-reader issue.
BATCH_SIZE = 500

logger = logging.getLogger(__name__)


def _locked(issue_id: int) -> NewsletterIssue:
    return NewsletterIssue.objects.select_for_update().get(pk=issue_id)


def _check_sendable(issue: NewsletterIssue) -> None:
    issue.full_clean()
    if issue.audience_id is None:
        raise ValidationError(_("Choose an audience before sending."))
    if not issue.is_editable:
        raise ValidationError(_("This issue is being sent or has been sent already."))


def _start_sending(issue: NewsletterIssue) -> None:
    issue.in_public_archive = issue.audience_is_public
    rendered = render_issue(issue)
    issue.email_html, issue.email_text = rendered.email_html, rendered.email_text
    issue.web_html = rendered.web_html
    issue.status = NewsletterIssue.Status.SENDING
    issue.send_started_at = timezone.now()
    issue.save()
    transaction.on_commit(lambda: tasks.prepare_issue.delay(issue.pk))


def issue_send_now(*, issue: NewsletterIssue) -> NewsletterIssue:
    """Start sending. A second click finds the issue sending already and changes nothing."""
    with transaction.atomic():
        issue = _locked(issue.pk)
        _check_sendable(issue)
        issue.scheduled_at = None
        _start_sending(issue)
    return issue


def issue_schedule(*, issue: NewsletterIssue, when: datetime.datetime) -> NewsletterIssue:
    if when <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    with transaction.atomic():
        issue = _locked(issue.pk)
        _check_sendable(issue)
        issue.status = NewsletterIssue.Status.SCHEDULED
        issue.scheduled_at = when
        issue.save()
    return issue


def issue_unschedule(*, issue: NewsletterIssue) -> NewsletterIssue:
    with transaction.atomic():
        issue = _locked(issue.pk)
        if issue.status != NewsletterIssue.Status.SCHEDULED:
            raise ValidationError(_("This issue is not scheduled."))
        issue.status = NewsletterIssue.Status.DRAFT
        issue.scheduled_at = None
        issue.save()
    return issue


def issues_send_due() -> int:
    due = NewsletterIssue.objects.filter(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    started = 0
    for pk in due:
        with transaction.atomic():
            issue = _locked(pk)
            if issue.status == NewsletterIssue.Status.SCHEDULED:
                _start_sending(issue)
                started += 1
    return started


def issue_prepare(*, issue_id: int) -> int:
    """One Delivery per recipient, in batches; safe to run twice (a unique index on issue
    and address, and conflicts ignored). Then the chunks go out."""
    issue = NewsletterIssue.objects.filter(
        pk=issue_id, status=NewsletterIssue.Status.SENDING
    ).first()
    if issue is None:
        return 0
    if issue.prepared_at is None:
        recipients = issue_recipients_iter(issue=issue)
        while batch := list(itertools.islice(recipients, BATCH_SIZE)):
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        issue_id=issue.pk, email=r.email, name=r.name, subscriber_id=r.subscriber_id
                    )
                    for r in batch
                ],
                ignore_conflicts=True,
            )
        NewsletterIssue.objects.filter(pk=issue.pk).update(
            prepared_at=timezone.now(), recipients_total=issue.deliveries.count()
        )
    dispatched = deliveries_dispatch(issue_id=issue.pk)
    issue_finish_if_done(issue_id=issue.pk)
    return dispatched


def deliveries_dispatch(*, issue_id: int, stale_after: datetime.timedelta | None = None) -> int:
    """Enqueue a chunk task for each run of queued rows not handed to a task already (or
    handed so long ago that the task must have been lost with its worker)."""
    now = timezone.now()
    rows = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
    if stale_after is None:
        rows = rows.filter(dispatched_at__isnull=True)
    else:
        rows = rows.exclude(dispatched_at__gte=now - stale_after)
    ids = list(rows.order_by("pk").values_list("pk", flat=True))
    size = settings.NEWSLETTER_CHUNK_SIZE
    chunks = [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]
    with transaction.atomic():
        # Chunk by chunk (rows of a chunk's range that are still waiting, as the chunk's task
        # claims them), not one statement with every id: that statement alone took tens of
        # megabytes of a worker's memory for a 50,000-reader issue.
        for first, last in chunks:
            rows.filter(pk__gte=first, pk__lte=last).update(dispatched_at=now)
        for first, last in chunks:
            transaction.on_commit(lambda f=first, la=last: tasks.send_chunk.delay(issue_id, f, la))
    return len(chunks)


def deliveries_requeue_stuck(*, older_than: datetime.timedelta) -> int:
    """Rows left "sending" by a worker that died. The hand-off protocol (newsletter.sending)
    guarantees the server never committed such a message, so queueing it again is safe."""
    return Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=timezone.now() - older_than
    ).update(status=Delivery.Status.QUEUED, claim=None, dispatched_at=None)


def issue_note_problem(*, issue_id: int, error: str, retry_in: int | None) -> None:
    """Record on the issue what held a chunk up and when it tries again (``retry_in``
    seconds; None when it gave up and beat requeues its rows), for the progress screen. A
    database too busy to take the note loses it, not the send."""
    now = timezone.now()
    retry_at = None if retry_in is None else now + datetime.timedelta(seconds=retry_in)
    try:
        NewsletterIssue.objects.filter(pk=issue_id).update(
            send_error=error[:1000], send_error_at=now, send_retry_at=retry_at
        )
    except DatabaseError:
        logger.warning("Could not note the problem of issue %s: %s", issue_id, error)


def issue_note_progress(*, issue_id: int) -> None:
    """A chunk went through: the last problem is over unless a retry is still ahead."""
    try:
        NewsletterIssue.objects.filter(pk=issue_id).exclude(send_error="").exclude(
            send_retry_at__gt=timezone.now()
        ).update(send_error="", send_error_at=None, send_retry_at=None)
    except DatabaseError:
        logger.warning("Could not clear the problem noted on issue %s", issue_id)


def issue_finish_if_done(*, issue_id: int) -> bool:
    with transaction.atomic():
        issue = _locked(issue_id)
        if issue.status != NewsletterIssue.Status.SENDING or issue.prepared_at is None:
            return False
        busy = issue.deliveries.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
        ).exists()
        if busy:
            return False
        issue.status = NewsletterIssue.Status.SENT
        issue.sent_at = timezone.now()
        issue.save(update_fields=["status", "sent_at"])
    return True


def sending_resume(*, stale_after: datetime.timedelta | None = None) -> dict:
    """What beat runs every minute: start due issues, re-run preparations and chunks that
    a dead worker dropped, and close finished issues."""
    stale_after = (
        datetime.timedelta(seconds=settings.NEWSLETTER_SENDING_TIMEOUT)
        if stale_after is None
        else stale_after
    )
    started = issues_send_due()
    requeued = deliveries_requeue_stuck(older_than=stale_after)
    dispatched = finished = 0
    cutoff = timezone.now() - stale_after
    for issue in NewsletterIssue.objects.filter(status=NewsletterIssue.Status.SENDING):
        if issue.prepared_at is None:
            if issue.send_started_at and issue.send_started_at <= cutoff:
                tasks.prepare_issue.delay(issue.pk)
            continue
        dispatched += deliveries_dispatch(issue_id=issue.pk)  # requeued rows have no task
        # Chunks handed to a task are re-dispatched only when nothing was claimed for a whole
        # timeout: while workers still work through a long, rate-capped queue, none is lost.
        if not issue.deliveries.filter(claimed_at__gte=cutoff).exists():
            dispatched += deliveries_dispatch(issue_id=issue.pk, stale_after=stale_after)
        finished += issue_finish_if_done(issue_id=issue.pk)
    return {
        "started": started,
        "requeued": requeued,
        "dispatched": dispatched,
        "finished": finished,
    }


def issue_send_test(*, issue: NewsletterIssue, to: str, name: str = "") -> None:
    """The issue as a reader will get it, to a member of staff; no Delivery is recorded."""
    rendered = render_issue(issue)
    html_body, text_body = personalise(
        rendered,
        name=name,
        unsubscribe_url=base_url() + "/newsletter/",
        preferences_url=base_url() + "/newsletter/",
    )
    probe = Delivery(issue=issue, email=to, name=name)
    message = build_message(
        issue, rendered, probe, f"<test-{issue.pk}@{settings.NEWSLETTER_LIST_ID}>"
    )
    with translation.override(issue.language):
        subject = _("[Test] %(subject)s") % {"subject": issue.subject}
    test = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=message.from_email,
        to=[to],
        headers={k: v for k, v in message.extra_headers.items() if k != "Message-ID"},
    )
    test.attach_alternative(html_body, "text/html")
    mail_send_on_commit(test)


def issue_create_from_page(*, page, user) -> NewsletterIssue:
    """A draft that disseminates one news article or event, in the page's language."""
    page = page.specific
    language = page.locale.language_code
    with translation.override(language):
        body = [("featured_page", {"page": page, "button_label": _("Read more")})]
        if hasattr(page, "start"):
            body.append(("latest_news", {"heading": _("Latest news"), "count": 3}))
        else:
            body.append(("upcoming_events", {"heading": _("Upcoming events"), "count": 3}))
    summary = " ".join((getattr(page, "card_summary", "") or "").split())
    with transaction.atomic():
        issue = NewsletterIssue(
            subject=" ".join(page.title.split())[:200],
            preheader=summary[:200],
            language=language,
            slug=NewsletterIssue.unique_slug(page.slug),
            source_page=page,
            created_by=user,
            body=body,
        )
        issue.full_clean()
        issue.save()
    return issue
