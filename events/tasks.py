from celery import shared_task

from . import emails, services
from .models import Registration


@shared_task(name="events.release_expired_holds")
def release_expired_holds() -> int:
    return services.holds_release_expired()


@shared_task(name="events.send_reminders")
def send_reminders() -> int:
    return services.reminders_send()


@shared_task(
    name="events.send_registration_mail",
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_registration_mail(
    template: str, registration_id: int, address: str, *, attach_ticket: bool, extra: dict
) -> bool:
    """Render and send one registration mail (``emails._send`` queued it). Nothing is sent
    when the registration is gone or its address changed since (the person's account was
    erased): the mail was for that address. Whether it was sent."""
    registration = (
        Registration.objects.select_related("event", "ticket_type")
        .filter(pk=registration_id, email=address)
        .first()
    )
    if registration is None:
        return False
    emails.build(template, registration, attach_ticket=attach_ticket, **extra).send()
    return True
