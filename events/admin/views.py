"""Staff screens in the Wagtail admin: events with their registration figures, the
registration list's index (a Wagtail index view: filters, search, CSV/XLSX export), cancel,
move, filling places from the waiting list, and the check-in screen."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import IndexView

from association.exports import SanitisedExportMixin, both_formats, local_minute, yes_or_blank
from association.hygiene import query_int
from twins.admin import FoldedSearchMixin

from .. import selectors, services
from ..models import EventPage, Registration, TicketType
from .forms import CheckInForm, MoveForm

REGISTRATIONS_INDEX = "events_registrations:index"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(f"events.{permission}"):
        raise PermissionDenied


def _pk(value) -> int:
    """An id from the URL. The path converter takes any digits; one beyond every table's ids
    (and SQLite's integers) names nothing."""
    pk = query_int(value)
    if pk is None:
        raise Http404
    return pk


def _event_or_404(page_id) -> EventPage:
    """The registrations hang on the original page; a translation's id leads there too."""
    page = get_object_or_404(EventPage, pk=_pk(page_id))
    return selectors.canonical_event(page=page)


def registrations_url(event: EventPage, **params) -> str:
    """The registration list filtered to one (original) event."""
    return f"{reverse(REGISTRATIONS_INDEX)}?{urlencode({**params, 'event': event.pk})}"


def event_list(request):
    _require(request, "view_registration")
    events = selectors.admin_event_rows()
    page_obj = Paginator(events, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {"events": page_obj, "page_obj": page_obj, "header_title": _("Event registrations")},
    )


def event_registrations(request, page_id):
    """An event's registrations (the page buttons, old bookmarks): the list filtered to the
    original event, with the other filters of the query string kept."""
    _require(request, "view_registration")
    event = _event_or_404(page_id)
    params = {key: value for key, value in request.GET.items() if key != "event"}
    return redirect(registrations_url(event, **params))


@require_POST
def registration_cancel(request, page_id, pk):
    _require(request, "change_registration")
    event = _event_or_404(page_id)
    registration = get_object_or_404(Registration, pk=_pk(pk), event=event)
    try:
        services.registration_cancel(registration=registration, by_staff=True)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s's registration is cancelled.") % {"name": registration.name}
        )
    return redirect(registrations_url(event))


@require_POST
def registration_move(request, page_id, pk):
    _require(request, "change_registration")
    event = _event_or_404(page_id)
    registration = get_object_or_404(Registration, pk=_pk(pk), event=event)
    ticket_types = TicketType.objects.filter(page=event)
    form = MoveForm(request.POST, ticket_types=ticket_types)
    if not form.is_valid():
        messages.error(request, _("Choose a ticket type of this event."))
    else:
        target = ticket_types.get(pk=form.cleaned_data["ticket_type"])
        try:
            services.registration_move(registration=registration, ticket_type=target)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s moved to %(ticket)s.")
                % {"name": registration.name, "ticket": target.name},
            )
    return redirect(registrations_url(event))


@require_POST
def waiting_list_promote(request, page_id, ticket_type_id):
    """After staff raise a ticket type's capacity, fill the new places from the list."""
    _require(request, "change_registration")
    event = _event_or_404(page_id)
    ticket_type = get_object_or_404(TicketType, pk=_pk(ticket_type_id), page=event)
    try:
        promoted = services.waiting_list_promote(ticket_type=ticket_type)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(count)d people moved up from the waiting list.") % {"count": len(promoted)},
        )
    return redirect(registrations_url(event))


CHECK_IN_MESSAGES = {
    services.CheckIn.VALID: _("Valid ticket: welcome!"),
    services.CheckIn.ALREADY_USED: _("Already used: this ticket was checked in before."),
    services.CheckIn.CANCELLED: _("Cancelled: this registration is not valid."),
    services.CheckIn.NOT_CONFIRMED: _("Not confirmed: payment or e-mail confirmation is missing."),
    services.CheckIn.OTHER_EVENT: _("This ticket is for another event."),
    services.CheckIn.UNKNOWN: _("Unknown ticket."),
}


def _check_in_result(outcome: str, registration: Registration | None) -> dict:
    """What the screen (or the scanner's script) shows; nothing about another event's
    ticket but that it is one."""
    shown = registration if outcome != services.CheckIn.OTHER_EVENT else None
    return {
        "outcome": outcome,
        "ok": outcome == services.CheckIn.VALID,
        "message": str(CHECK_IN_MESSAGES[outcome]),
        "name": shown.name if shown else "",
        "ticket": shown.ticket_type.name if shown else "",
        "attended_at": shown.attended_at.isoformat() if shown and shown.attended_at else "",
    }


def check_in(request, page_id):
    """Scan (camera or a hand scanner typing the code) or type a code; the answer comes at
    once. Works without JavaScript too (the form posts and the page shows the result)."""
    _require(request, "change_registration")
    event = _event_or_404(page_id)
    form = CheckInForm(request.POST or None)
    result = None
    wants_json = request.headers.get("Accept") == "application/json"
    if request.method == "POST" and form.is_valid():
        outcome, registration = services.registration_check_in(
            event=event, code=form.cleaned_data["code"]
        )
        result = _check_in_result(outcome, registration)
        if wants_json:
            return JsonResponse(result)
        form = CheckInForm()
    elif request.method == "POST" and wants_json:
        return JsonResponse(
            {"ok": False, "outcome": "invalid", "message": _("Type a ticket code.")}, status=400
        )
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "event": event,
            "form": form,
            "result": result,
            "figures": selectors.event_registration_figures(event=event),
            "registrations_url": registrations_url(event),
            "header_title": _("Check-in: %(event)s") % {"event": event.title},
        },
    )


class RegistrationIndexView(FoldedSearchMixin, SanitisedExportMixin, IndexView):
    """The registration list. Filtered to one event it shows that event's figures and
    ticket types above the rows; its CSV and XLSX exports pass every cell, headings
    included, through the site's spreadsheet sanitiser."""

    custom_field_preprocess = {
        "is_member_price": both_formats(yes_or_blank),
        "created_at": both_formats(local_minute),
        "attended_at": both_formats(local_minute),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("ticket_type", "event")

    folded_search_field = "search_folded"

    def search_query_q(self, text: str) -> Q:
        """Name, e-mail or organisation containing the words (in either script, with or
        without diacritics), or the ticket code as typed at the door (any case, spaces and
        dashes ignored)."""
        return Q(code__iexact=services.normalise_code(text)) | super().search_query_q(text)

    @cached_property
    def event(self) -> EventPage | None:
        """The one event the list is filtered to, if it is."""
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    @cached_property
    def can_change(self) -> bool:
        return self.request.user.has_perm("events.change_registration")

    @cached_property
    def columns(self):
        columns = super().columns
        if self.can_change:
            return columns
        return [column for column in columns if column.name != "actions"]

    def get_page_subtitle(self):
        return self.event.title if self.event else super().get_page_subtitle()

    def get_table(self, object_list):
        """The rows shown, each with the event's other ticket types it can move to."""
        if self.is_export or not self.can_change:
            return super().get_table(object_list)
        rows = list(object_list)
        ticket_types = TicketType.objects.filter(
            page_id__in={row.event_id for row in rows}
        ).order_by("sort_order", "pk")
        for row in rows:
            row.move_targets = [
                t for t in ticket_types if t.page_id == row.event_id and t.pk != row.ticket_type_id
            ]
        return super().get_table(rows)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.event and not self.is_export:
            ticket_types = list(TicketType.objects.filter(page=self.event).order_by("sort_order"))
            availability = selectors.ticket_availability(ticket_types=ticket_types)
            context["event"] = self.event
            context["figures"] = selectors.event_registration_figures(event=self.event)
            context["ticket_types"] = [
                {"ticket": ticket, **availability[ticket.pk]} for ticket in ticket_types
            ]
            context["can_change"] = self.can_change
        return context

    # -- the export ----------------------------------------------------------------------

    def get_filename(self):
        return f"registrations-{self.event.slug}" if self.event else "registrations"
