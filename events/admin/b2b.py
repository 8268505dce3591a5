"""The B2B staff screens in the admin: the sessions, switching matchmaking on for an event
and setting its slots and tables (``b2b_session_save``), a session's participants, requests
and meetings with "Schedule" (``b2b_schedule``) and "Send agendas" (``b2b_agendas_send``),
moving a meeting by hand (``meeting_move``), and the printable table plan for the day.

Looking needs ``events.view_registration``, acting ``events.change_registration``: the
permissions of the registrations and check-in screens (the Event staff role)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..models import B2BProfile, B2BSession, Meeting, MeetingRequest
from .b2b_forms import B2BSessionForm, MeetingMoveForm
from .views import _event_or_404, _pk, _require

b2b = services.b2b
VIEW = "view_registration"
CHANGE = "change_registration"


def _session_or_404(pk) -> B2BSession:
    return get_object_or_404(B2BSession.objects.select_related("event"), pk=_pk(pk))


def _form_error(form, refused: b2b.B2BError) -> None:
    form.add_error(refused.field if refused.field in form.fields else None, refused.message)


def b2b_sessions(request):
    """Every event with B2B meetings, newest first."""
    _require(request, VIEW)
    sessions = (
        B2BSession.objects.select_related("event")
        .annotate(
            participants=Count("profiles", distinct=True),
            placed=Count(
                "meetings", filter=Q(meetings__status=Meeting.Status.PLACED), distinct=True
            ),
        )
        .order_by("-first_slot_start", "-pk")
    )
    return TemplateResponse(
        request,
        "events/admin/b2b/session_list.html",
        {"sessions": sessions, "header_title": _("B2B meetings")},
    )


@require_http_methods(["GET", "POST"])
def b2b_session_setup(request, page_id):
    """Switch matchmaking on for an event, or change its session."""
    _require(request, CHANGE)
    event = _event_or_404(page_id)
    session = B2BSession.objects.filter(event=event).first()
    is_new = session is None
    if is_new:
        start = event.start
        session = B2BSession(event=event, first_slot_start=start, enabled=True)
    form = B2BSessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            saved = b2b.b2b_session_save(
                session=form.save(commit=False),
                ticket_types=list(form.cleaned_data["ticket_types"]),
            )
        except b2b.B2BError as refused:
            _form_error(form, refused)
        else:
            messages.success(
                request, _("The B2B meetings of %(event)s are saved.") % {"event": event.title}
            )
            return redirect("events_admin_b2b_session", saved.pk)
    title = _("Set up B2B meetings") if is_new else _("B2B meetings: settings")
    return TemplateResponse(
        request,
        "events/admin/b2b/session_form.html",
        {
            "event": event,
            "session": None if is_new else session,
            "form": form,
            "header_title": title,
        },
        status=400 if request.method == "POST" else 200,
    )


def _slot_rows(session: B2BSession) -> list[dict]:
    breaks = set(session.break_slots or [])
    return [
        {
            "slot": slot,
            "start": session.slot_start(slot),
            "end": session.slot_end(slot),
            "is_break": slot in breaks,
        }
        for slot in range(session.slot_count)
    ]


def _meetings(session: B2BSession):
    return (
        Meeting.objects.filter(session=session)
        .select_related(
            "profile_a__registration",
            "profile_a__organisation",
            "profile_b__registration",
            "profile_b__organisation",
        )
        .order_by("slot", "table", "pk")
    )


def b2b_session(request, pk):
    """A session: its participants, requests and their statuses, meetings; the actions."""
    _require(request, VIEW)
    session = _session_or_404(pk)
    profiles = (
        B2BProfile.objects.filter(session=session)
        .select_related("registration", "organisation")
        .annotate(
            sent=Count("requests_sent", distinct=True),
            received=Count("requests_received", distinct=True),
        )
        .order_by("registration__name", "pk")
    )
    requests = (
        MeetingRequest.objects.filter(session=session)
        .select_related(
            "from_profile__registration",
            "from_profile__organisation",
            "to_profile__registration",
            "to_profile__organisation",
        )
        .order_by("status", "-created_at", "-pk")
    )
    counts = dict(
        MeetingRequest.objects.filter(session=session)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    statuses = [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in MeetingRequest.Status.choices
    ]
    meetings = list(_meetings(session))
    for meeting in meetings:
        meeting.session = session
    return TemplateResponse(
        request,
        "events/admin/b2b/session.html",
        {
            "session": session,
            "event": session.event,
            "profiles": profiles,
            "requests": requests,
            "statuses": statuses,
            "meetings": meetings,
            "placed": sum(1 for meeting in meetings if meeting.is_placed),
            "can_change": request.user.has_perm(f"events.{CHANGE}"),
            "header_title": _("B2B meetings: %(event)s") % {"event": session.event.title},
        },
    )


@require_POST
def b2b_session_schedule(request, pk):
    """Place the accepted requests; say what was placed and how close to the bound."""
    _require(request, CHANGE)
    session = _session_or_404(pk)
    try:
        result = b2b.b2b_schedule(session=session)
    except b2b.B2BError as refused:
        messages.error(request, refused.message)
    else:
        share = round(100 * result.placed / result.upper_bound) if result.upper_bound else 100
        messages.success(
            request,
            _(
                "Scheduled: %(placed)d meetings placed (%(kept)d confirmed ones kept where they "
                "were), %(unplaced)d accepted requests left out. At most %(bound)d could be "
                "placed: this schedule places %(share)d%% of that."
            )
            % {
                "placed": result.placed,
                "kept": result.kept,
                "unplaced": result.unplaced,
                "bound": result.upper_bound,
                "share": share,
            },
        )
    return redirect("events_admin_b2b_session", session.pk)


@require_POST
def b2b_session_agendas(request, pk):
    _require(request, CHANGE)
    session = _session_or_404(pk)
    try:
        sent = b2b.b2b_agendas_send(session=session)
    except b2b.B2BError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The placed meetings are confirmed; %(count)d agendas are on their way.")
            % {"count": sent},
        )
    return redirect("events_admin_b2b_session", session.pk)


@require_http_methods(["GET", "POST"])
def b2b_meeting_move(request, pk, meeting_id):
    """Move a meeting to another time or table; a clash is refused on the form."""
    _require(request, CHANGE)
    session = _session_or_404(pk)
    meeting = get_object_or_404(
        _meetings(session).filter(status=Meeting.Status.PLACED), pk=_pk(meeting_id)
    )
    meeting.session = session
    form = MeetingMoveForm(
        request.POST or None,
        session=session,
        initial={"slot": meeting.slot, "table": meeting.table},
    )
    if request.method == "POST" and form.is_valid():
        try:
            b2b.meeting_move(
                meeting=meeting, slot=form.cleaned_data["slot"], table=form.cleaned_data["table"]
            )
        except b2b.B2BError as refused:
            _form_error(form, refused)
        else:
            messages.success(request, _("The meeting is moved."))
            return redirect("events_admin_b2b_session", session.pk)
    return TemplateResponse(
        request,
        "events/admin/b2b/meeting_move.html",
        {
            "session": session,
            "meeting": meeting,
            "form": form,
            "header_title": _("Move a meeting"),
        },
        status=400 if request.method == "POST" else 200,
    )


def b2b_table_plan(request, pk):
    """The day's plan to print: slot x table with both sides, then one page per table."""
    _require(request, VIEW)
    session = _session_or_404(pk)
    placed = {}
    for meeting in _meetings(session).filter(status=Meeting.Status.PLACED):
        placed[(meeting.slot, meeting.table)] = meeting
    tables = list(range(1, session.table_count + 1))
    slots = _slot_rows(session)
    grid = [
        {**row, "cells": [placed.get((row["slot"], table)) for table in tables]} for row in slots
    ]
    per_table = [
        {
            "table": table,
            "rows": [{**row, "meeting": placed.get((row["slot"], table))} for row in slots],
        }
        for table in tables
        if any(slot_table == table for _slot, slot_table in placed)
    ]
    return TemplateResponse(
        request,
        "events/admin/b2b/table_plan.html",
        {
            "session": session,
            "event": session.event,
            "tables": tables,
            "grid": grid,
            "per_table": per_table,
            "printed_at": timezone.now(),
        },
    )
