"""The event list's filters, read from the query string, and what the list shows of them
(the chips above the results)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .. import selectors
from ..models import EventIndexPage, EventPage, EventSeries


@dataclass(frozen=True)
class EventFilters:
    """The list's filters from the query string. Unknown values match nothing; none is an
    error page."""

    tab: str = "upcoming"
    series: EventSeries | None = None
    series_slug: str = ""
    event_type: str = ""
    city: str = ""
    month: datetime.date | None = None
    month_invalid: bool = False

    @classmethod
    def from_query(cls, query, *, index: EventIndexPage) -> EventFilters:
        series = None
        slug = query.get("series", "").strip()[:120]
        if slug:
            series = selectors.series_for_index(index=index, slug=slug)
        month, month_invalid = None, False
        raw_month = query.get("month", "").strip()
        if raw_month:
            try:
                month = datetime.datetime.strptime(raw_month[:7], "%Y-%m").date()
            except ValueError:
                month_invalid = True
        event_type = query.get("type", "").strip()
        return cls(
            tab="past" if query.get("tab") == "past" else "upcoming",
            series=series,
            series_slug=slug,
            event_type=event_type if event_type in EventPage.EventType.values else "",
            city=query.get("city", "").strip()[:100],
            month=month,
            month_invalid=month_invalid,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.series_slug or self.event_type or self.city or self.month or self.month_invalid
        )

    @property
    def matches_nothing(self) -> bool:
        """An invalid month or a series slug that names no series."""
        return self.month_invalid or bool(self.series_slug and self.series is None)

    def events(self, index: EventIndexPage):
        pages = selectors.events_for_index(
            index=index,
            past=self.tab == "past",
            series=self.series,
            event_type=self.event_type,
            city=self.city,
            month=self.month,
            with_untranslated=True,
        )
        return pages.none() if self.matches_nothing else pages
