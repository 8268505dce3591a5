from celery import shared_task

from . import emails, selectors, services
from .models import B2BProfile, Registration


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


@shared_task(
    name="events.send_b2b_mail",
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_b2b_mail(template: str, profile_id: int, address: str, *, extra: dict) -> bool:
    """Render and send one B2B mail (``emails._send_b2b`` queued it) to the participant, unless
    their profile is gone or their registration's address changed since (an erased account).
    Whether it was sent."""
    profile = (
        B2BProfile.objects.select_related("registration", "session__event")
        .filter(pk=profile_id, registration__email=address)
        .first()
    )
    if profile is None:
        return False
    message = emails.build_b2b(template, profile, **extra)
    if message is None:
        return False
    message.send()
    return True


@shared_task(name="events.b2b_mark_no_shows")
def b2b_mark_no_shows() -> int:
    """Beat: the meetings of participants who did not come are cancelled for the other side,
    in every session under way (``services.b2b.b2b_no_shows_mark``)."""
    return sum(
        services.b2b.b2b_no_shows_mark(session=session)
        for session in selectors.b2b_sessions_under_way()
    )
