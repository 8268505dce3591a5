"""The outcomes of B2B meetings for staff: a report per club, year or sector (a table and a
bar chart drawn as SVG on the server), and the list of every outcome recorded, with its
CSV/XLSX export for the association's reports to its donors (the site's spreadsheet
sanitiser on every cell). Looking needs ``events.view_registration``, as the registrations."""

from __future__ import annotations

import django_filters
from django.contrib.auth.models import Permission
from django.db.models import Case, F, When
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from association.exports import SanitisedExportMixin, both_formats, local_minute
from association.hygiene import query_int

from .. import reports
from ..models import EventPage, MeetingOutcome
from .filters import IdChoiceFilter
from .views import _require

# One colour per result, in the order of MeetingOutcome.Result.
RESULT_COLOURS = ("#9e9e9e", "#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00")
CHART_WIDTH = 480
BAR_HEIGHT = 22
LABEL_WIDTH = 220
GROUPINGS = {
    "event": gettext_lazy("Per club"),
    "year": gettext_lazy("Per year"),
    "sector": gettext_lazy("Per sector"),
}


def _b2b_events():
    """The events with B2B meetings (their original pages), the latest first."""
    return EventPage.objects.filter(b2b_session__isnull=False).order_by("-start", "-pk")


def _chart(figures: list[reports.OutcomeFigures]) -> dict:
    """The bars' geometry: one stacked bar per row, its segments one per result, as long as
    the row's count against the largest row's total."""
    largest = max((row.total for row in figures), default=0) or 1
    bars = []
    for index, row in enumerate(figures):
        x, segments = 0.0, []
        for value, colour in zip(MeetingOutcome.Result.values, RESULT_COLOURS, strict=True):
            width = CHART_WIDTH * row.counts[value] / largest
            if width:
                segments.append({"x": LABEL_WIDTH + x, "width": round(width, 1), "colour": colour})
            x += width
        bars.append(
            {
                "label": row.label,
                "total": row.total,
                "y": index * (BAR_HEIGHT + 8),
                "text_y": index * (BAR_HEIGHT + 8) + BAR_HEIGHT * 0.7,
                "end_x": LABEL_WIDTH + x + 6,
                "segments": segments,
            }
        )
    return {
        "bars": bars,
        "width": LABEL_WIDTH + CHART_WIDTH + 60,
        "height": max(len(bars), 1) * (BAR_HEIGHT + 8),
        "bar_height": BAR_HEIGHT,
        "label_width": LABEL_WIDTH,
    }


def b2b_outcomes_report(request):
    _require(request, "view_registration")
    by = request.GET.get("by", "event")
    if by not in GROUPINGS:
        by = "event"
    event_id = query_int(request.GET.get("event"))
    event = _b2b_events().filter(pk=event_id).first() if event_id else None
    figures = reports.b2b_outcome_figures(by=by, event_id=event.pk if event else None)
    results = [
        {"value": value, "label": label, "colour": colour}
        for (value, label), colour in zip(
            MeetingOutcome.Result.choices, RESULT_COLOURS, strict=True
        )
    ]
    rows = [
        {"figures": row, "counts": [row.counts[result["value"]] for result in results]}
        for row in figures
    ]
    return TemplateResponse(
        request,
        "events/admin/b2b/outcomes_report.html",
        {
            "by": by,
            "groupings": GROUPINGS.items(),
            "event": event,
            "results": results,
            "rows": rows,
            "chart": _chart(figures),
            "header_title": _("Outcomes of the B2B meetings"),
        },
    )


class MeetingOutcomeFilterSet(WagtailFilterSet):
    event = IdChoiceFilter(
        label=gettext_lazy("Event"),
        queryset=lambda request: _b2b_events(),
        field_name="meeting__session__event",
    )
    result = django_filters.ChoiceFilter(
        label=gettext_lazy("Result"),
        choices=MeetingOutcome.Result.choices,
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = MeetingOutcome
        fields = ["event", "result"]


EXPORT_HEADINGS = {
    "meeting.session.event.title": gettext_lazy("Event"),
    "event_start": gettext_lazy("Date"),
    "profile.registration.name": gettext_lazy("Participant"),
    "profile.organisation_name": gettext_lazy("Organisation"),
    "sectors": gettext_lazy("Sectors"),
    "other_name": gettext_lazy("Met with"),
    "other_organisation": gettext_lazy("Their organisation"),
    "meeting.table": pgettext_lazy("meeting table", "Table"),
    "rating": gettext_lazy("Rating"),
    "get_result_display": gettext_lazy("Result"),
    "note": gettext_lazy("Note"),
    "created_at": gettext_lazy("Recorded"),
}


def _other(side: str):
    """The other side's field: the meeting's b when the recording profile is its a."""
    return Case(
        When(profile=F("meeting__profile_a"), then=F(f"meeting__profile_b__{side}")),
        default=F(f"meeting__profile_a__{side}"),
    )


class MeetingOutcomeIndexView(SanitisedExportMixin, IndexView):
    """Every outcome recorded, filtered by club and result; its CSV and XLSX exports pass
    every cell through the site's spreadsheet sanitiser. A fixed number of queries."""

    custom_field_preprocess = {
        "event_start": both_formats(local_minute),
        "created_at": both_formats(local_minute),
    }

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "meeting__session__event",
                "profile__registration",
                "profile__organisation",
            )
            .prefetch_related("profile__sectors")
            .annotate(
                event_start=F("meeting__session__event__start"),
                other_name=_other("registration__name"),
                other_registration_organisation=_other("registration__organisation_name"),
                other_organisation_name=_other("organisation__name"),
            )
        )

    def to_row_dict(self, item):
        item.sectors = ", ".join(sector.name for sector in item.profile.sectors.all())
        item.other_organisation = (
            item.other_organisation_name or item.other_registration_organisation or ""
        )
        return super().to_row_dict(item)

    def get_filename(self):
        return "b2b-outcomes"


class MeetingOutcomePermissionPolicy(ModelPermissionPolicy):
    """Outcomes are the participants' own words, written only through their page: staff
    with the registrations' view permission read and export them; nobody adds, edits or
    deletes them here."""

    def user_has_permission(self, user, action):
        return action == "view" and user.has_perm("events.view_registration")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return ModelPermissionPolicy(self.model).users_with_any_permission(set())


class MeetingOutcomeViewSet(ModelViewSet):
    model = MeetingOutcome
    icon = "tick"
    url_prefix = "events/b2b/outcomes/list"
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = MeetingOutcomeIndexView
    filterset_class = MeetingOutcomeFilterSet
    list_display = ["meeting", "profile", "rating", "result", "created_at"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    form_fields = ["note"]

    def get_permissions_to_register(self):
        return Permission.objects.none()
