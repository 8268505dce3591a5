"""Staff screens in the Wagtail admin: events with their registration figures, the
registration list of an event (filters, cancel, move, export) and the check-in screen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from association.hygiene import query_int

from . import exports, selectors, services
from .forms import CheckInForm, MoveForm
from .models import EventPage, Registration, TicketType


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


def event_list(request):
    _require(request, "view_registration")
    events = selectors.admin_event_rows()
    page_obj = Paginator(events, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {"events": page_obj, "page_obj": page_obj, "header_title": _("Event registrations")},
    )


def registration_list(request, page_id):
    _require(request, "view_registration")
    event = _event_or_404(page_id)
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("ticket_type")
        .order_by("created_at", "pk")
    )
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        registrations = registrations.filter(status=status)
    ticket_type_id = query_int(request.GET.get("ticket_type"))
    if ticket_type_id is not None:
        registrations = registrations.filter(ticket_type_id=ticket_type_id)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation_name__icontains=query)
            | Q(code__iexact=services.normalise_code(query))
        )
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        filename = f"registrations-{event.slug}"
        if export == "csv":
            return exports.registrations_csv(registrations.iterator(), filename)
        return exports.registrations_xlsx(registrations.iterator(), filename)
    ticket_types = list(TicketType.objects.filter(page=event).order_by("sort_order"))
    availability = selectors.ticket_availability(ticket_types=ticket_types)
    page_obj = Paginator(registrations, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/registration_list.html",
        {
            "event": event,
            "registrations": page_obj,
            "page_obj": page_obj,
            "figures": selectors.event_registration_figures(event=event),
            "ticket_types": [
                {"ticket": ticket, **availability[ticket.pk]} for ticket in ticket_types
            ],
            "statuses": Registration.Status.choices,
            "status": status,
            "ticket_type_id": ticket_type_id,
            "query": query,
            "header_title": _("Registrations: %(event)s") % {"event": event.title},
            "can_change": request.user.has_perm("events.change_registration"),
        },
    )


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
    return redirect("events_admin_registrations", page_id=event.pk)


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
    return redirect("events_admin_registrations", page_id=event.pk)


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
    return redirect("events_admin_registrations", page_id=event.pk)


CHECK_IN_MESSAGES = {
    services.CheckIn.VALID: _("Valid ticket: welcome!"),
    services.CheckIn.ALREADY_USED: _("Already used: this ticket was checked in before."),
    services.CheckIn.CANCELLED: _("Cancelled: this registration is not valid."),
    services.CheckIn.NOT_CONFIRMED: _("Not confirmed: payment or e-mail confirmation is missing."),
    services.CheckIn.OTHER_EVENT: _("This ticket is for another event."),
    services.CheckIn.UNKNOWN: _("Unknown ticket."),
}


def check_in(request, page_id):
    """Scan (camera or a hand scanner typing the code) or type a code; the answer comes at
    once. Works without JavaScript too (the form posts and the page shows the result)."""
    _require(request, "change_registration")
    event = _event_or_404(page_id)
    form = CheckInForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        outcome, registration = services.registration_check_in(
            event=event, code=form.cleaned_data["code"]
        )
        result = {
            "outcome": outcome,
            "ok": outcome == services.CheckIn.VALID,
            "message": str(CHECK_IN_MESSAGES[outcome]),
            "name": registration.name
            if registration and outcome != services.CheckIn.OTHER_EVENT
            else "",
            "ticket": registration.ticket_type.name
            if registration and outcome != services.CheckIn.OTHER_EVENT
            else "",
            "attended_at": registration.attended_at.isoformat()
            if registration and registration.attended_at and outcome != services.CheckIn.OTHER_EVENT
            else "",
        }
        if request.headers.get("Accept") == "application/json":
            return JsonResponse(result)
        form = CheckInForm()
    elif request.method == "POST" and request.headers.get("Accept") == "application/json":
        return JsonResponse(
            {"ok": False, "outcome": "invalid", "message": _("Type a ticket code.")}, status=400
        )
    figures = selectors.event_registration_figures(event=event)
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "event": event,
            "form": form,
            "result": result,
            "figures": figures,
            "header_title": _("Check-in: %(event)s") % {"event": event.title},
        },
    )
