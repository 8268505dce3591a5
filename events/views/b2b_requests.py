"""B2B meeting requests: a participant's incoming and outgoing requests with accept, decline
and cancel, and the signed answer link mailed with each request (``events.tickets``)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services, tickets
from ..models import MeetingRequest
from .b2b import access_or_answer, needs_profile, render_page, render_private

b2b = services.b2b


@never_cache
def b2b_requests(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    rows = selectors.b2b_requests(profile=access.profile) if access.profile else {}
    return render_page(
        request,
        access,
        "events/b2b/requests.html",
        "requests",
        {"received": rows.get("received", []), "sent": rows.get("sent", [])},
    )


_ACTIONS = {
    "accept": (
        lambda r, p: b2b.meeting_request_accept(request=r, by_profile=p),
        gettext_lazy(
            "You accepted the meeting. Both of you get the time and table when it is scheduled."
        ),
        gettext_lazy("You had accepted this request already."),
    ),
    "decline": (
        lambda r, p: b2b.meeting_request_decline(request=r, by_profile=p),
        gettext_lazy("You declined the request."),
        gettext_lazy("You had declined this request already."),
    ),
    "cancel": (
        lambda r, p: b2b.meeting_request_cancel(request=r, by_profile=p),
        gettext_lazy("The request is cancelled; the other side is told."),
        gettext_lazy("This request was cancelled already."),
    ),
}


@never_cache
@require_POST
def b2b_request_action(request, pk: int, request_id: int, action: str):
    """Accept, decline or cancel one of the participant's requests. Someone else's request
    is not found."""
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if action not in _ACTIONS or access.profile is None:
        raise Http404
    meeting_request = (
        MeetingRequest.objects.filter(pk=request_id, session=access.session)
        .filter(Q(from_profile=access.profile) | Q(to_profile=access.profile))
        .first()
    )
    if meeting_request is None:
        raise Http404(_("This request is not yours."))
    run, done, again = _ACTIONS[action]
    try:
        changed = run(meeting_request, access.profile)
    except b2b.B2BError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, str(done if changed else again))
    return redirect("events:b2b_requests", pk)


@never_cache
@require_http_methods(["GET", "POST"])
def b2b_answer(request, token: str):
    """The link in a request's mail: GET shows the request and two buttons (a mail program
    that opens links answers nothing); POST accepts or declines. The link is the authority,
    for the person asked only: someone else signed in is refused."""
    try:
        names = tickets.read_b2b_answer_token(token)
    except tickets.AnswerLinkExpired:
        return _answer_page(request, None, error=_("This link has expired. Sign in to answer."))
    meeting_request = (
        selectors.b2b_answer_request(pk=names[0], to_profile_id=names[1]) if names else None
    )
    if meeting_request is None:
        raise Http404(_("This link is not valid."))
    recipient = meeting_request.to_profile
    user = request.user
    if (
        user.is_authenticated
        and not user.is_staff
        and recipient.registration.user_id not in (None, user.pk)
    ):
        return _answer_page(
            request,
            meeting_request,
            error=_("This request was sent to another participant."),
            status=403,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("accept", "decline"):
            return _answer_page(
                request, meeting_request, error=_("Choose accept or decline."), status=400
            )
        run, done, again = _ACTIONS[action]
        try:
            changed = run(meeting_request, recipient)
        except b2b.B2BError as refused:
            return _answer_page(request, meeting_request, error=refused.message, status=409)
        meeting_request.refresh_from_db()
        return _answer_page(request, meeting_request, notice=str(done if changed else again))
    return _answer_page(request, meeting_request)


def _answer_page(request, meeting_request, *, error="", notice="", status=None):
    event = (
        selectors.event_in_language(
            event=meeting_request.session.event, language=translation.get_language()
        )
        if meeting_request
        else None
    )
    if status is None:
        status = 400 if error and meeting_request is None else 200
    return render_private(
        request,
        "events/b2b/answer.html",
        {
            "meeting_request": meeting_request,
            "event": event,
            "error": error,
            "notice": notice,
            "b2b_url": reverse("events:b2b_requests", args=[meeting_request.session_id])
            if meeting_request
            else "",
        },
        status=status,
    )
