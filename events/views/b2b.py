"""B2B matchmaking's public pages, at ``/events/b2b/<session>/...``: who may see them (the
helpers the sibling modules share), the overview, a participant's profile, the other
participants (filters and search) and suggested partners. Requests and the answer link mailed
with each are in ``b2b_requests``, the agenda (page, print, calendar file) in ``b2b_agenda``.

Only signed-in confirmed participants of the session's event see them (staff too); anyone
else signed in is refused (403), a visitor is sent to sign in, a session that is off is not
found. Every page is the person's own: never stored in a shared cache.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from association.hygiene import query_int
from association.throttle import throttle
from membership.models import Organisation
from membership.models.eccp import language_choices
from membership.selectors import Taxonomies

from .. import selectors, services
from ..forms import B2BItemFormSet, B2BProfileForm, MeetingRequestForm
from ..models import B2BItem, B2BProfile, B2BSession, MeetingRequest, Registration

b2b = services.b2b
PROFILES_PER_PAGE = 20


@dataclass
class Access:
    """Who is looking at a session's pages: a participant (``registration``, and their
    ``profile`` once saved) or staff (neither, perhaps)."""

    session: B2BSession
    event: object
    registration: Registration | None
    profile: B2BProfile | None
    is_staff: bool


def access_or_answer(request, pk: int) -> Access | HttpResponse:
    """The session and the person's place in it, or the answer for someone with none."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = selectors.b2b_session(pk=pk)
    is_staff = request.user.is_staff
    if session is None and is_staff:
        session = B2BSession.objects.filter(pk=pk).select_related("event").first()
    if session is None:
        raise Http404(_("There are no B2B meetings here."))
    event = selectors.event_in_language(event=session.event, language=translation.get_language())
    registration = selectors.b2b_participation(session=session, user=request.user)
    if registration is None and not is_staff:
        return render_private(
            request,
            "events/b2b/not_participant.html",
            {"session": session, "event": event},
            status=403,
        )
    profile = (
        selectors.b2b_profile_of(session=session, registration=registration)
        if registration
        else None
    )
    return Access(session, event, registration, profile, is_staff)


def render_private(request, template: str, context: dict, *, status: int = 200) -> TemplateResponse:
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "private, no-cache"
    return response


def render_page(request, access: Access, template: str, tab: str, context: dict, *, status=200):
    now = timezone.now()
    return render_private(
        request,
        template,
        {
            "access": access,
            "session": access.session,
            "event": access.event,
            "profile": access.profile,
            "tab": tab,
            "requests_state": access.session.requests_state(now),
            "slot_rows": _slot_rows(access.session),
            **context,
        },
        status=status,
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


def needs_profile(request, access: Access):
    """A participant without a profile is sent to write one first."""
    if access.profile is None and access.registration is not None:
        messages.info(request, _("Fill in your profile first: the others see it."))
        return redirect("events:b2b_profile", access.session.pk)
    return None


@never_cache
def b2b_home(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    counts = {}
    if access.profile is not None:
        mine = selectors.b2b_requests(profile=access.profile)
        counts = {
            "waiting": sum(
                1 for r in mine["received"] if r.status == MeetingRequest.Status.PENDING
            ),
            "accepted": sum(
                1
                for r in mine["received"] + mine["sent"]
                if r.status == MeetingRequest.Status.ACCEPTED
            ),
        }
    return render_page(request, access, "events/b2b/home.html", "home", {"counts": counts})


# --- the profile -----------------------------------------------------------------------------


def _taxonomies() -> Taxonomies:
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    return Taxonomies.for_locale(locale=locale)


def _profile_forms(request, access: Access, taxonomies: Taxonomies):
    session = access.session
    slots = [(row["slot"], _slot_label(row)) for row in _slot_rows(session) if not row["is_break"]]
    options = {
        "regions": Organisation.Region.choices,
        "sectors": taxonomies.sectors,
        "technologies": taxonomies.technologies,
        "languages": language_choices(),
        "slots": slots,
    }
    item_options = {
        "directions": B2BItem.Direction.choices,
        "kinds": B2BItem.Kind.choices,
        "sectors": taxonomies.sectors,
    }
    if request.method == "POST":
        form = B2BProfileForm(request.POST, **options)
        items = B2BItemFormSet(request.POST, prefix="items", form_kwargs=item_options)
        return form, items
    initial, item_initial = _profile_initial(access, slots)
    form = B2BProfileForm(initial=initial, **options)
    items = B2BItemFormSet(initial=item_initial, prefix="items", form_kwargs=item_options)
    return form, items


def _slot_label(row: dict) -> str:
    start = timezone.localtime(row["start"])
    end = timezone.localtime(row["end"])
    return f"{start:%H:%M}–{end:%H:%M}"


def _profile_initial(access: Access, slots) -> tuple[dict, list[dict]]:
    profile = access.profile
    if profile is None:
        prefill = b2b.b2b_profile_prefill(registration=access.registration)
        return {
            "description": prefill.get("description", ""),
            "region": prefill.get("region", ""),
            "languages": prefill.get("languages", []),
            "sectors": [term.slug for term in prefill["sectors"]],
            "technology_fields": [term.slug for term in prefill["technology_fields"]],
            "available_slots": [slot for slot, _label in slots],
            "is_visible": True,
        }, []
    free = profile.free_slots() if profile.available_slots is not None else None
    initial = {
        "description": profile.description,
        "region": profile.region,
        "languages": profile.languages,
        "sectors": [term.slug for term in profile.sectors.all()],
        "technology_fields": [term.slug for term in profile.technology_fields.all()],
        "max_meetings": profile.max_meetings,
        "available_slots": sorted(free) if free is not None else [s for s, _label in slots],
        "is_visible": profile.is_visible,
    }
    items = [
        {
            "direction": item.direction,
            "kind": item.kind,
            "text": item.text,
            "sectors": [term.slug for term in item.sectors.all()],
        }
        for item in profile.items.all()
    ]
    return initial, items


@never_cache
@require_http_methods(["GET", "POST"])
def b2b_profile(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if access.registration is None:
        # Staff without a registration have no profile to write.
        return redirect("events:b2b_participants", pk)
    taxonomies = _taxonomies()
    form, items = _profile_forms(request, access, taxonomies)
    error = ""
    if request.method == "POST" and form.is_valid() and items.is_valid():
        try:
            _save_profile(access, form, items, taxonomies)
        except b2b.B2BError as refused:
            if refused.field and refused.field in form.fields:
                form.add_error(refused.field, refused.message)
            else:
                error = refused.message
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("events:b2b_profile", pk)
    status = 400 if request.method == "POST" else 200
    return render_page(
        request,
        access,
        "events/b2b/profile.html",
        "profile",
        {"form": form, "items": items, "error": error},
        status=status,
    )


def _save_profile(access: Access, form, items, taxonomies: Taxonomies) -> None:
    sectors = {term.slug: term for term in taxonomies.sectors}
    technologies = {term.slug: term for term in taxonomies.technologies}
    data = form.cleaned_data
    item_data = [
        b2b.ItemData(
            direction=row["direction"],
            kind=row["kind"],
            text=row["text"],
            sectors=[sectors[slug] for slug in row["sectors"] if slug in sectors],
        )
        for row in items.cleaned_data
        if row and not row.get("DELETE")
    ]
    profile = access.profile or b2b.b2b_profile_get_or_create(
        session=access.session, registration=access.registration
    )
    b2b.b2b_profile_update(
        profile=profile,
        description=data["description"],
        region=data["region"],
        sectors=[sectors[slug] for slug in data["sectors"]],
        technology_fields=[technologies[slug] for slug in data["technology_fields"]],
        languages=data["languages"],
        max_meetings=data["max_meetings"],
        available_slots=data["available_slots"],
        is_visible=data["is_visible"],
        items=item_data,
    )


# --- the other participants ---------------------------------------------------------------


@dataclass
class BrowseFilters:
    sector: str = ""
    kind: str = ""
    region: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query, taxonomies: Taxonomies) -> BrowseFilters:
        sector = query.get("sector", "")[:150]
        kind = query.get("kind", "")
        region = query.get("region", "")
        return cls(
            sector=sector if sector in {term.slug for term in taxonomies.sectors} else "",
            kind=kind if kind in B2BItem.Kind.values else "",
            region=region if region in Organisation.Region.values else "",
            q=" ".join(query.get("q", "").split())[:100],
        )

    @property
    def active(self) -> bool:
        return bool(self.sector or self.kind or self.region or self.q)


@never_cache
def b2b_participants(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    taxonomies = _taxonomies()
    filters = BrowseFilters.from_query(request.GET, taxonomies)
    profiles = selectors.b2b_profiles(
        session=access.session,
        exclude=access.profile,
        sector=filters.sector,
        kind=filters.kind,
        region=filters.region,
        q=filters.q,
    )
    page_obj = Paginator(profiles, PROFILES_PER_PAGE).get_page(
        query_int(request.GET.get("page"), default=1)
    )
    return render_page(
        request,
        access,
        "events/b2b/participants.html",
        "participants",
        {
            "filters": filters,
            "page_obj": page_obj,
            "sectors": taxonomies.sectors,
            "kinds": B2BItem.Kind.choices,
            "regions": Organisation.Region.choices,
        },
    )


def _other_profile(access: Access, profile_id: int) -> B2BProfile:
    other = (
        selectors.b2b_profiles(session=access.session, exclude=access.profile)
        .filter(pk=profile_id)
        .first()
    )
    if other is None:
        raise Http404(_("This participant does not take part in these B2B meetings."))
    return other


@never_cache
@require_http_methods(["GET", "POST"])
def b2b_participant(request, pk: int, profile_id: int):
    """One participant's profile, with the form that asks them for a meeting."""
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    other = _other_profile(access, profile_id)
    form = MeetingRequestForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if access.profile is None:
            raise Http404(_("Only participants ask for meetings."))
        throttle(request, "b2b_request", address=access.registration.email)
        if form.is_valid():
            try:
                b2b.meeting_request_send(
                    from_profile=access.profile,
                    to_profile=other,
                    message=form.cleaned_data["message"],
                )
            except b2b.B2BError as refused:
                error = refused.message
            else:
                messages.success(
                    request,
                    _("Your request is on its way to %(name)s.") % {"name": other.display_name},
                )
                return redirect("events:b2b_requests", pk)
    existing = None
    if access.profile is not None:
        existing = (
            MeetingRequest.objects.filter(
                from_profile__in=[access.profile.pk, other.pk],
                to_profile__in=[access.profile.pk, other.pk],
                status__in=MeetingRequest.ACTIVE,
            )
            .order_by("-pk")
            .first()
        )
    status = 200 if request.method == "GET" else (409 if error else 400)
    return render_page(
        request,
        access,
        "events/b2b/participant.html",
        "participants",
        {"other": other, "form": form, "error": error, "existing": existing},
        status=status,
    )


@never_cache
def b2b_suggestions(request, pk: int):
    access = access_or_answer(request, pk)
    if isinstance(access, HttpResponse):
        return access
    if (answer := needs_profile(request, access)) is not None:
        return answer
    matches = selectors.b2b_suggestions(profile=access.profile) if access.profile else []
    return render_page(
        request, access, "events/b2b/suggestions.html", "suggestions", {"matches": matches}
    )
