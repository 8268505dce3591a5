"""Registers the events admin (``events/admin/``): the Events menu (registrations and
check-in per event, B2B meetings, series, speakers), the registration list, the list of B2B
meetings' outcomes, the custom screens' URLs, and links from each event page to its
registrations, check-in and B2B meetings."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import b2b as b2b_views
from .admin import views
from .admin.b2b_outcomes import (
    MeetingOutcomePermissionPolicy,
    MeetingOutcomeViewSet,
    b2b_outcomes_report,
)
from .admin.viewsets import EventsViewSetGroup, RegistrationPermissionPolicy, RegistrationViewSet
from .models import EventPage, MeetingOutcome, Registration

register_snippet(EventsViewSetGroup)
register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
register_permission_policy(MeetingOutcome, MeetingOutcomePermissionPolicy(MeetingOutcome))


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("events_registrations")


@hooks.register("register_admin_viewset")
def register_b2b_outcome_viewset():
    return MeetingOutcomeViewSet("events_b2b_outcomes")


@hooks.register("register_admin_urls")
def register_b2b_admin_urls():
    """The B2B staff screens (``events/admin/b2b.py``, ``b2b_outcomes.py``)."""
    return [
        path("events/b2b/", b2b_views.b2b_sessions, name="events_admin_b2b_sessions"),
        path("events/b2b/outcomes/", b2b_outcomes_report, name="events_admin_b2b_outcomes"),
        path("events/b2b/<int:pk>/", b2b_views.b2b_session, name="events_admin_b2b_session"),
        path(
            "events/b2b/<int:pk>/schedule/",
            b2b_views.b2b_session_schedule,
            name="events_admin_b2b_schedule",
        ),
        path(
            "events/b2b/<int:pk>/agendas/",
            b2b_views.b2b_session_agendas,
            name="events_admin_b2b_agendas",
        ),
        path(
            "events/b2b/<int:pk>/meetings/<int:meeting_id>/move/",
            b2b_views.b2b_meeting_move,
            name="events_admin_b2b_move",
        ),
        path("events/b2b/<int:pk>/plan/", b2b_views.b2b_table_plan, name="events_admin_b2b_plan"),
        path(
            "events/<int:page_id>/b2b/", b2b_views.b2b_session_setup, name="events_admin_b2b_setup"
        ),
    ]


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("events/", views.event_list, name="events_admin_events"),
        path(
            "events/<int:page_id>/registrations/",
            views.event_registrations,
            name="events_admin_registrations",
        ),
        path(
            "events/<int:page_id>/registrations/<int:pk>/cancel/",
            views.registration_cancel,
            name="events_admin_registration_cancel",
        ),
        path(
            "events/<int:page_id>/registrations/<int:pk>/move/",
            views.registration_move,
            name="events_admin_registration_move",
        ),
        path(
            "events/<int:page_id>/ticket-types/<int:ticket_type_id>/promote/",
            views.waiting_list_promote,
            name="events_admin_promote",
        ),
        path("events/<int:page_id>/check-in/", views.check_in, name="events_admin_check_in"),
    ]


def _event_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(page), EventPage) or not user.has_perm(
        "events.view_registration"
    ):
        return
    yield Button(
        _("Registrations"),
        # Leads to the list filtered to the original event (this page may be a translation).
        reverse("events_admin_registrations", args=[page.pk]),
        icon_name="list-ul",
        priority=priority,
    )
    if user.has_perm("events.change_registration"):
        yield Button(
            _("Check-in"),
            reverse("events_admin_check_in", args=[page.pk]),
            icon_name="tick",
            priority=priority + 1,
        )
        yield Button(
            _("B2B meetings"),
            reverse("events_admin_b2b_setup", args=[page.pk]),
            icon_name="group",
            priority=priority + 2,
        )


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from _event_buttons(page, user, 60)


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _event_buttons(page, user, 60)


@hooks.register("before_delete_page")
def keep_events_with_registrations(request, page):
    """Registrations (and the payments behind them) must outlive a page deleted by mistake:
    an event that has them is unpublished, or its registrations cancelled, instead."""
    events = EventPage.objects.descendant_of(page, inclusive=True)
    if Registration.objects.filter(event__in=events).exists():
        messages.error(
            request,
            _(
                "This page cannot be deleted: it has (or contains) an event with registrations. "
                "Unpublish it instead, or cancel the registrations first."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
