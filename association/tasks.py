from celery import shared_task
from django.core.management import call_command

from . import background
from .mail import deserialise_message


@shared_task(name="association.ping")
def ping(token: str) -> str:
    """Echo a token back: the smallest proof that a worker takes tasks from the broker."""
    return f"pong:{token}"


@shared_task(name="association.publish_scheduled")
def publish_scheduled() -> None:
    """Publish pages and snippets whose go-live time has come and unpublish expired ones.

    Celery beat runs this every minute, so staff schedule publishing in the admin and never
    need a shell or a cron job.
    """
    call_command("publish_scheduled")


@shared_task(
    name="association.send_email_message",
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_email_message(data: dict) -> None:
    """Send one transactional message (account, membership, registration mail)."""
    deserialise_message(data).send()


@shared_task(name="association.run_queued_task", ignore_result=True)
def run_queued_task(pk: int) -> None:
    """Run one django-tasks task queued by ``association.background.CeleryBackend``."""
    background.run(pk)


@shared_task(name="association.requeue_queued_tasks", ignore_result=True)
def requeue_queued_tasks() -> None:
    """Beat's sweep over the queued django-tasks tasks (``background.requeue``)."""
    background.requeue()
