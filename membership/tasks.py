from celery import shared_task

from . import services


@shared_task(name="membership.expire_memberships")
def expire_memberships() -> int:
    return services.memberships_expire()


@shared_task(name="membership.send_renewal_reminders")
def send_renewal_reminders() -> int:
    return services.memberships_send_reminders()
