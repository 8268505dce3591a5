from celery import shared_task

from . import services


@shared_task(name="events.release_expired_holds")
def release_expired_holds() -> int:
    return services.holds_release_expired()


@shared_task(name="events.send_reminders")
def send_reminders() -> int:
    return services.reminders_send()
