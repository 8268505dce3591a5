"""iCalendar (RFC 5545) for events: the per-event file, the mail attachment and the feeds.

``icalendar`` (about 5 MB) is imported where a calendar is built, not with this module, which
the events app's mail and receivers import in every process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from association import public_url

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//Cluster association//Events//EN"


def _calendar(name: str = "") -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _location(page) -> str:
    parts = [page.venue_name, page.address, page.city]
    return ", ".join(part for part in parts if part)


def _event(page, url: str, *, uid_suffix: str = "", description_extra: str = "") -> Event:
    from icalendar import Event, vText

    event = Event()
    event.add("uid", f"event-{page.translation_key}{uid_suffix}@{_uid_domain()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", page.start)
    event.add("dtend", page.end)
    event.add("summary", page.title)
    description = "\n\n".join(part for part in [page.intro, description_extra, url] if part)
    event.add("description", description)
    event.add("url", url)
    location = _location(page)
    if location:
        event.add("location", vText(location))
    if page.has_coordinates:
        event.add("geo", (float(page.latitude), float(page.longitude)))
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def _uid_domain() -> str:
    return public_url.host()


def event_ics(page, url: str) -> bytes:
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    calendar.add_component(_event(page, url))
    return calendar.to_ical()


def registration_ics(registration, event, url: str, ticket_url: str) -> bytes:
    """The attachment of the confirmation: the event (in the person's language), with the
    ticket's code and link."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    extra = f"{registration.ticket_type.name} · {registration.code}\n{ticket_url}"
    calendar.add_component(
        _event(event, url, uid_suffix=f"-{registration.code}", description_extra=extra)
    )
    return calendar.to_ical()


def feed_ics(pages, name: str, url_for) -> bytes:
    calendar = _calendar(name)
    for page in pages:
        calendar.add_component(_event(page, url_for(page)))
    return calendar.to_ical()


def b2b_agenda_ics(profile, meetings, event, url: str) -> bytes:
    """A participant's B2B agenda: one calendar entry per placed meeting, with the table and
    the other side (``event``: the event page in the participant's language)."""
    from icalendar import Event, vText

    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    location = _location(event)
    for meeting in meetings:
        other = meeting.other_side(profile)
        entry = Event()
        entry.add("uid", f"b2b-meeting-{meeting.pk}-{profile.pk}@{_uid_domain()}")
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", meeting.starts_at)
        entry.add("dtend", meeting.ends_at)
        table = _("Table %(number)d") % {"number": meeting.table}
        entry.add("summary", f"{other.display_name} · {table}")
        entry.add("description", f"{event.title}\n{table}\n\n{url}")
        entry.add("url", url)
        entry.add("location", vText(f"{table}, {location}" if location else table))
        calendar.add_component(entry)
    return calendar.to_ical()
