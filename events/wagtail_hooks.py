"""The Events menu of the Wagtail admin: registrations and check-in per event, series and
speakers; and links from each event page to its registrations and check-in."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import EventPage, EventSeries, Speaker


class EventSeriesSnippetViewSet(SnippetViewSet):
    model = EventSeries
    icon = "repeat"
    menu_label = _("Series")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class SpeakerSnippetViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation"]
    search_fields = ["name"]


class EventsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 260
    items = (EventSeriesSnippetViewSet, SpeakerSnippetViewSet)

    def get_submenu_items(self):
        registrations = MenuItem(
            _("Registrations and check-in"),
            reverse("events_admin_events"),
            icon_name="list-ul",
            order=0,
        )
        registrations.is_shown = lambda request: request.user.has_perm("events.view_registration")
        return [registrations, *super().get_submenu_items()]


register_snippet(EventsViewSetGroup)


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return [
        path("events/", admin_views.event_list, name="events_admin_events"),
        path(
            "events/<int:page_id>/registrations/",
            admin_views.registration_list,
            name="events_admin_registrations",
        ),
        path(
            "events/<int:page_id>/registrations/<int:pk>/cancel/",
            admin_views.registration_cancel,
            name="events_admin_registration_cancel",
        ),
        path(
            "events/<int:page_id>/registrations/<int:pk>/move/",
            admin_views.registration_move,
            name="events_admin_registration_move",
        ),
        path(
            "events/<int:page_id>/ticket-types/<int:ticket_type_id>/promote/",
            admin_views.waiting_list_promote,
            name="events_admin_promote",
        ),
        path("events/<int:page_id>/check-in/", admin_views.check_in, name="events_admin_check_in"),
    ]


def _event_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(page), EventPage) or not user.has_perm(
        "events.view_registration"
    ):
        return
    yield Button(
        _("Registrations"),
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
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import Registration

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
