"""A participant records what came of each of their meetings, at
``/events/b2b/<session>/outcomes/``: once the event has started, for their own placed
meetings only, one outcome per meeting and side, which they may change
(``meeting_outcome_record``)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import MeetingOutcomeForm
from ..models import Meeting, MeetingOutcome
from .b2b import access_or_answer, needs_profile, render_page

b2b = services.b2b


def _rows(access, *, posted=None, posted_form=None) -> list[dict]:
    """Each placed meeting of the participant with the other side and a form holding their
    outcome (or, for the meeting just posted, what they sent)."""
    profile = access.profile
    meetings = (
        Meeting.objects.filter(session=access.session, status=Meeting.Status.PLACED)
        .filter(Q(profile_a=profile) | Q(profile_b=profile))
        .select_related(
            "profile_a__registration",
            "profile_a__organisation",
            "profile_b__registration",
            "profile_b__organisation",
        )
        .order_by("slot", "table")
    )
    outcomes = {
        outcome.meeting_id: outcome
        for outcome in MeetingOutcome.objects.filter(profile=profile, meeting__in=meetings)
    }
    rows = []
    for meeting in meetings:
        meeting.session = access.session
        outcome = outcomes.get(meeting.pk)
        if posted is not None and meeting.pk == posted:
            form = posted_form
        else:
            initial = (
                {"rating": outcome.rating, "result": outcome.result, "note": outcome.note}
                if outcome
                else {}
            )
            form = MeetingOutcomeForm(initial=initial, prefix=f"m{meeting.pk}")
        rows.append(
            {
                "meeting": meeting,
                "other": meeting.other_side(profile),
                "outcome": outcome,
                "form": form,
            }
        )
    return rows


@never_cache
@require_http_methods(["GET", "POST"])
def b2b_outcomes(request, pk: int, meeting_id: int | None = None):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    if access.profile is None:
        # Staff without a profile read the outcomes in the admin.
        return redirect("events:b2b_home", pk)
    is_open = access.session.event.has_started
    error = ""
    status = 200
    posted_form = None
    if request.method == "POST":
        if meeting_id is None:
            raise Http404
        meeting = (
            Meeting.objects.filter(pk=meeting_id, session=access.session)
            .filter(Q(profile_a=access.profile) | Q(profile_b=access.profile))
            .first()
        )
        if meeting is None:
            raise Http404(_("This meeting is not yours."))
        posted_form = MeetingOutcomeForm(request.POST, prefix=f"m{meeting.pk}")
        if posted_form.is_valid():
            try:
                b2b.meeting_outcome_record(
                    meeting=meeting,
                    profile=access.profile,
                    rating=posted_form.cleaned_data["rating"],
                    result=posted_form.cleaned_data["result"],
                    note=posted_form.cleaned_data["note"],
                )
            except b2b.B2BError as refused:
                error = refused.message
                status = 409
            else:
                messages.success(request, _("Thank you: the outcome of the meeting is saved."))
                return redirect("events:b2b_outcomes", pk)
        else:
            status = 400
    rows = _rows(access, posted=meeting_id, posted_form=posted_form) if is_open else []
    return render_page(
        request,
        access,
        "events/b2b/outcomes.html",
        "outcomes",
        {"rows": rows, "is_open": is_open, "error": error},
        status=status,
    )
