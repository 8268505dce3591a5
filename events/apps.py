from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from home.api import api_router
        from home.signals import connect
        from membership.signals import dashboard_sections
        from payments.signals import payment_expired, payment_failed, payment_succeeded

        from . import receivers
        from .api import EventsAPIViewSet
        from .models import EventSeries, Registration, Speaker, TicketType

        payment_succeeded.connect(receivers.confirm_paid_registration, weak=False)
        payment_expired.connect(receivers.release_unpaid_registration, weak=False)
        payment_failed.connect(receivers.release_unpaid_registration, weak=False)
        dashboard_sections.connect(receivers.sections_for_dashboard, weak=False)
        # Registrations change only the places left, shown on event pages that the page cache
        # keeps under the event's places tag while a ticket is on sale
        # (events/views/pages.py:event_page).
        connect(EventSeries, Speaker, TicketType)
        post_save.connect(
            receivers.registration_changed,
            sender=Registration,
            weak=False,
            dispatch_uid="events_registration_places_saved",
        )
        post_delete.connect(
            receivers.registration_changed,
            sender=Registration,
            weak=False,
            dispatch_uid="events_registration_places_deleted",
        )
        api_router.register_endpoint("events", EventsAPIViewSet)
