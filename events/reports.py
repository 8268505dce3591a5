"""Reads for the staff's report on B2B meetings' outcomes: how many outcomes of each result,
and the average rating, per club (event), per year or per sector. Plain data, keyword-only;
the admin's report screen draws the table and the chart from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Min, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from .models import MeetingOutcome

GROUPINGS = ("event", "year", "sector")
_GROUP_FIELDS = {
    "event": ("meeting__session__event_id", "meeting__session__event__title"),
    "year": ("year", "year"),
    "sector": ("profile__sectors__name", "profile__sectors__name"),
}


@dataclass
class OutcomeFigures:
    """One row of the report: a club, a year or a sector."""

    label: str
    counts: dict[str, int] = field(default_factory=dict)  # result value -> outcomes
    total: int = 0
    average_rating: float | None = None


def b2b_outcome_figures(*, by: str, event_id: int | None = None) -> list[OutcomeFigures]:
    """The outcomes recorded, grouped ``by`` "event" (clubs in the order they were held),
    "year" (of the event) or "sector" (the recording participant's profile's sectors: an
    outcome counts once under each; none: one row of its own). ``event_id``: one club only.
    One query."""
    if by not in GROUPINGS:
        raise ValueError(f"Unknown grouping: {by}")
    outcomes = MeetingOutcome.objects.all()
    if event_id is not None:
        outcomes = outcomes.filter(meeting__session__event_id=event_id)
    if by == "year":
        outcomes = outcomes.annotate(year=ExtractYear("meeting__session__event__start"))
    key, label = _GROUP_FIELDS[by]
    per_result = {
        f"n_{value}": Count("pk", filter=Q(result=value)) for value in MeetingOutcome.Result.values
    }
    rows = (
        outcomes.values(*dict.fromkeys((key, label)))
        .annotate(
            total=Count("pk"),
            average=Avg("rating"),
            held=Min("meeting__session__event__start"),
            **per_result,
        )
        .order_by("held" if by == "event" else label)
    )
    figures = []
    for row in rows:
        name = row[label]
        figures.append(
            OutcomeFigures(
                label=str(name) if name is not None else _("No sector"),
                counts={value: row[f"n_{value}"] for value in MeetingOutcome.Result.values},
                total=row["total"],
                average_rating=round(row["average"], 1) if row["average"] is not None else None,
            )
        )
    return figures
