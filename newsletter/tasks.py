"""Celery tasks: each takes ids and calls one service. Chunk tasks are safe to run twice
(rows are claimed under a lock), so they acknowledge late."""

from celery import shared_task
from django.conf import settings

from . import dissemination
from .sending import TransientSendError, chunk_send


@shared_task(name="newsletter.prepare_issue", acks_late=True)
def prepare_issue(issue_id: int) -> int:
    return dissemination.issue_prepare(issue_id=issue_id)


@shared_task(bind=True, name="newsletter.send_chunk", acks_late=True, max_retries=None)
def send_chunk(self, issue_id: int, first_id: int, last_id: int) -> dict:
    try:
        result = chunk_send(issue_id=issue_id, first_id=first_id, last_id=last_id)
    except TransientSendError as error:
        if self.request.retries >= settings.NEWSLETTER_MAX_ATTEMPTS:
            # Rows out of attempts were failed by the chunk; beat picks up any others.
            dissemination.issue_note_problem(issue_id=issue_id, error=str(error), retry_in=None)
            return {"error": str(error)}
        countdown = min(600, 5 * 2**self.request.retries)
        dissemination.issue_note_problem(issue_id=issue_id, error=str(error), retry_in=countdown)
        raise self.retry(countdown=countdown, exc=error) from error
    dissemination.issue_note_progress(issue_id=issue_id)
    dissemination.issue_finish_if_done(issue_id=issue_id)
    return result


@shared_task(name="newsletter.resume_sending")
def resume_sending() -> dict:
    return dissemination.sending_resume()
