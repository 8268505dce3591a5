"""The events part of ``seed_demo``: series in every language, speakers, and the events
below the events index with their ticket types, agenda and partners.

Series are found by slug and language, speakers by name, events by slug below the index.
An event's ticket types, sessions and partners are written when it is created (or still has
none), so staff changes to an existing demo event are kept.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Locale

from demo.events import SERIES, SPEAKERS, SUBSET_SERIES, events
from demo.seeding import (
    CREATED,
    EVERYTHING,
    TWIN_SOURCE,
    UNCHANGED,
    UPDATED,
    References,
    Report,
    Scope,
    assign,
    ensure_page,
    ensure_translated_rows,
    ensure_translation,
    report_page_twin,
    status_of,
    written_locales,
)
from events.models import EventPage, EventPartner, EventSeries, EventSession, Speaker, TicketType
from membership.models import Organisation

EVENT_INDEX_PATH = "events"


# The texts of an event's inline rows in a translation: the relation and the fields each
# value of the data sets, by position.
CHILD_TEXTS = {
    "tickets": ("ticket_types", ("name", "description")),
    "sessions": ("sessions", ("title", "room")),
    "partners": ("partners", ("name",)),
}


def _name_children(page: EventPage, texts: dict) -> bool:
    """Set the texts of the page's inline rows that differ; True when any did."""
    changed = False
    for key, (relation, names) in CHILD_TEXTS.items():
        # Ties in sort_order would come back in whatever order the table holds them.
        rows = list(getattr(page, relation).order_by("sort_order", "pk"))
        for row, values in zip(rows, texts.get(key, ()), strict=False):
            for name, value in zip(names, values, strict=True):
                if value and getattr(row, name) != value:
                    setattr(row, name, value)
                    changed = True
        setattr(page, relation, rows)
    return changed


def event_specs(scope: Scope, today: datetime.date) -> list[dict]:
    """The events ``seed_demo`` writes in this scope on ``today``."""
    return scope.select(events(today), SUBSET_SERIES, key=lambda spec: spec["series"])


class EventSeeder:
    def __init__(
        self,
        locales: dict[str, Locale],
        refs: References,
        report: Report,
        scope: Scope = EVERYTHING,
    ):
        self.locales = locales
        self.refs = refs
        self.report = report
        self.scope = scope
        self.default = next(iter(locales.values()))

    def ensure_events(self, today: datetime.date | None = None) -> None:
        series = self.ensure_series()
        speakers = self.ensure_speakers()
        index = self.refs.pages[EVENT_INDEX_PATH]
        for spec in event_specs(self.scope, today or timezone.localdate()):
            page = self.ensure_event(index, spec, series, speakers)
            if TWIN_SOURCE in spec and TWIN_SOURCE in self.locales:
                self.ensure_event_translation(page, spec)

    def ensure_series(self) -> dict[str, EventSeries]:
        for spec in SERIES:
            values = {
                code: {"name": spec["names"][code], "description": spec["descriptions"][code]}
                for code in written_locales(self.locales)
            }
            for code, status in ensure_translated_rows(
                EventSeries, self.locales, {"slug": spec["slug"]}, values
            ):
                self.report.item(f"event series {spec['slug']!r} [{code}]", status)
        return {series.slug: series for series in EventSeries.objects.filter(locale=self.default)}

    def ensure_event_translation(self, page: EventPage, spec: dict) -> None:
        """The Serbian Latin event, in its language's series, its ticket types, agenda and
        partners (copied from the English event) named in Serbian; its publish writes the
        Cyrillic twin."""
        locale = self.locales[TWIN_SOURCE]
        texts = spec[TWIN_SOURCE]
        fields = {key: value for key, value in texts.items() if key not in CHILD_TEXTS}
        fields["series"] = page.series.get_translation_or_none(locale)
        translation, status = ensure_translation(page, locale, fields)
        if _name_children(translation, texts):
            translation.save_revision().publish()
            status = status if status == CREATED else UPDATED
        self.report.page(translation, status)
        report_page_twin(self.report, translation, status)

    def ensure_speakers(self) -> dict[str, Speaker]:
        organisations = {
            o.slug: o
            for o in Organisation.objects.filter(
                slug__in=[spec["organisation"] for spec in SPEAKERS if spec["organisation"]]
            )
        }
        speakers = {}
        for spec in SPEAKERS:
            wanted = {**spec, "organisation": organisations.get(spec["organisation"])}
            speaker = Speaker.objects.filter(name=spec["name"]).order_by("pk").first()
            if speaker is None:
                speaker, status = Speaker(**wanted), CREATED
            else:
                status = status_of(assign(speaker, wanted))
            if status != UNCHANGED:
                speaker.full_clean()
                speaker.save()
            self.report.item(f"speaker {spec['name']!r}", status)
            speakers[spec["name"]] = speaker
        return speakers

    def ensure_event(self, index, spec: dict, series: dict, speakers: dict) -> EventPage:
        fields = {
            key: value
            for key, value in spec.items()
            if key
            not in ("slug", "series", "image", "tickets", "sessions", "partners", TWIN_SOURCE)
        }
        fields["series"] = series[spec["series"]]
        fields["lead_image"] = self.refs.images.get(spec["image"])
        page, status = ensure_page(index, spec["slug"], EventPage, **fields)
        has_children = (
            page.ticket_types.exists() or page.sessions.exists() or page.partners.exists()
        )
        if not has_children and (spec["tickets"] or spec["sessions"] or spec["partners"]):
            page.ticket_types = [
                TicketType(**ticket, sort_order=i) for i, ticket in enumerate(spec["tickets"])
            ]
            sessions = []
            for day, hour, minute, title, room, names in spec["sessions"]:
                starts = timezone.localtime(page.start).replace(hour=hour, minute=minute)
                session = EventSession(
                    starts_at=starts + datetime.timedelta(days=day),
                    ends_at=starts + datetime.timedelta(days=day, minutes=90),
                    title=title,
                    room=room,
                    sort_order=len(sessions),
                )
                session.speakers = [speakers[name] for name in names]
                sessions.append(session)
            page.sessions = sessions
            page.partners = [
                EventPartner(kind=kind, name=name, sort_order=i)
                for i, (kind, name) in enumerate(spec["partners"])
            ]
            page.save_revision().publish()
            status = status if status == CREATED else UPDATED
        self.report.page(page, status)
        return page
