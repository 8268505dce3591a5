"""A B2B participant's agenda: the page, a printable page and the calendar file."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from .. import calendar, selectors
from ..emails import b2b_url
from .b2b import Access, access_or_answer, needs_profile, render_page


def _agenda_rows(access: Access) -> list[dict]:
    if access.profile is None:
        return []
    rows = []
    for meeting in selectors.b2b_agenda(profile=access.profile):
        meeting.session = access.session
        rows.append({"meeting": meeting, "other": meeting.other_side(access.profile)})
    return rows


@never_cache
def b2b_agenda(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    return render_page(
        request, access, "events/b2b/agenda.html", "agenda", {"rows": _agenda_rows(access)}
    )


@never_cache
def b2b_agenda_print(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    return render_page(
        request, access, "events/b2b/agenda_print.html", "agenda", {"rows": _agenda_rows(access)}
    )


@never_cache
def b2b_agenda_ics(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    meetings = [row["meeting"] for row in _agenda_rows(access) if row["meeting"].is_placed]
    url = b2b_url("b2b_agenda", access.session)
    content = calendar.b2b_agenda_ics(access.profile, meetings, access.event, url)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="b2b-agenda.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response
