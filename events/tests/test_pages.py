"""The public event pages: list with tabs and filters, event page, feeds, home page section
and sitemap; query counts do not grow with events, sessions or speakers."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Registration
from events.views import pages
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    ImageFactory,
    SpeakerFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(parent=home_page)


def _count_queries(client, url):
    # Twice: the first request of a test also creates the site settings, whose save starts a
    # new content version, and the fragments cached under it (the list's filter options) are
    # read once more on the second.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _events(index, count, *, days_from=5, prefix="Event", **fields):
    return [
        EventPageFactory(
            parent=index,
            title=f"{prefix} {i}",
            slug=f"{prefix.lower()}-{i}",
            start=timezone.now() + datetime.timedelta(days=days_from + i),
            end=timezone.now() + datetime.timedelta(days=days_from + i, hours=6),
            **fields,
        )
        for i in range(count)
    ]


def test_upcoming_first_in_date_order_and_past_in_their_own_tab(client, index):
    _events(index, 2, days_from=3, prefix="Soon")
    _events(index, 1, days_from=-40, prefix="Earlier")
    upcoming = client.get(index.url).content.decode()
    assert upcoming.index("Soon 0") < upcoming.index("Soon 1")
    assert "Earlier 0" not in upcoming
    past = client.get(index.url + "?tab=past").content.decode()
    assert "Earlier 0" in past and "Soon 0" not in past


def test_filters_by_series_type_city_and_month(client, index):
    days = EventSeriesFactory(name="Days of Clusters", slug="days-of-clusters")
    club = EventSeriesFactory(name="Business Cluster Club", slug="business-cluster-club")
    conference, *_ = _events(index, 1, prefix="Conference", series=days, city="Niš")
    _events(index, 1, days_from=40, prefix="Club", series=club, city="Beograd", event_type="club")

    def titles(query):
        content = client.get(index.url + query).content.decode()
        return {t for t in ("Conference 0", "Club 0") if t in content}

    assert titles("?series=days-of-clusters") == {"Conference 0"}
    assert titles("?type=club") == {"Club 0"}
    assert titles("?city=beograd") == {"Club 0"}
    assert titles(f"?month={conference.start:%Y-%m}") == {"Conference 0"}
    assert titles("?series=no-such-series") == set()
    assert titles("?month=2026-13") == set()
    assert client.get(index.url + "?page=999&month=x").status_code == 200


def test_event_page_shows_agenda_speakers_tickets_and_json_ld(client, index):
    speaker = SpeakerFactory(name="Miroslav Jovanović", role="Director")
    event = EventPageFactory(
        parent=index,
        title="Balkan Cluster Day",
        online_url="https://meet.example.org/bcd",
        sessions=[{"title": "Clusters across borders", "room": "Hall A", "speakers": [speaker]}],
        partners=[{"name": "Cluster House", "kind": "organiser"}],
        ticket_types=[{"name": "Participant", "capacity": 80}],
    )
    content = client.get(event.url).content.decode()
    for text in (
        "Clusters across borders",
        "Hall A",
        "Miroslav Jovanović",
        "Cluster House",
        "Participant",
        "80 places left",
        "event.ics",
        "calendar.google.com",
    ):
        assert text in content, text
    assert "meet.example.org" not in content  # only registered people see the online link
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@type"] == "Event" and data["name"] == "Balkan Cluster Day"
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert data["offers"][0]["price"] == "0.00"


def test_the_online_link_is_shown_to_a_confirmed_registration(client, index):
    event = EventPageFactory(
        parent=index, online_url="https://meet.example.org/club", ticket_types=[{"capacity": 5}]
    )
    user = verified_user(email="ana@example.org")
    Registration.objects.create(
        event=event,
        ticket_type=event.ticket_types.get(),
        user=user,
        name="Ana",
        email=user.email,
        status=Registration.Status.CONFIRMED,
    )
    client.force_login(user)
    assert "meet.example.org/club" in client.get(event.url).content.decode()


def test_feeds_and_event_calendar_are_icalendar(client, index):
    series = EventSeriesFactory(name="Business Cluster Club", slug="bcc")
    club, other = _events(index, 2, prefix="Club")
    club.series = series
    club.save_revision().publish()
    feed = client.get(index.url + "feed.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    per_series = client.get(index.url + "feed.ics?series=bcc").content.decode()
    assert per_series.count("BEGIN:VEVENT") == 1 and "Club 0" in per_series
    single = client.get(club.url + "event.ics").content.decode()
    assert "SUMMARY:Club 0" in single and "DTSTART:" in single
    assert client.get(index.url + "nothing.ics").status_code == 404


def test_home_page_shows_the_next_three_events_and_the_sitemap_lists_events(client, index):
    _events(index, 4, prefix="Upcoming")
    _events(index, 1, days_from=-30, prefix="Finished")
    home = client.get("/").content.decode()
    assert all(f"Upcoming {i}" in home for i in range(3))
    assert "Upcoming 3" not in home and "Finished 0" not in home
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "/events/upcoming-0/" in sitemap and "/events/finished-0/" in sitemap


@pytest.fixture
def everything_on_one_page(monkeypatch):
    monkeypatch.setattr(pages, "EVENTS_PER_PAGE", 200)


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize(
    "url", ["/events/", "/events/?type=conference&city=Niš", "/events/feed.ics"]
)
@pytest.mark.usefixtures("everything_on_one_page")
def test_list_and_feed_queries_do_not_grow_with_events(client, index, url):
    series = EventSeriesFactory()
    image = ImageFactory()
    _events(index, 5, series=series, lead_image=image)
    few = _count_queries(client, url)
    _events(index, 25, prefix="More", series=series, lead_image=image)
    many = _count_queries(client, url)
    assert few == many


def test_event_page_queries_do_not_grow_with_sessions_speakers_and_tickets(client, index):
    def event(slug, count):
        speakers = [SpeakerFactory(photo=ImageFactory()) for _ in range(count)]
        return EventPageFactory(
            parent=index,
            slug=slug,
            sessions=[{"title": f"Session {i}", "speakers": speakers} for i in range(count)],
            partners=[{"name": f"Partner {i}", "logo": ImageFactory()} for i in range(count)],
            ticket_types=[{"name": f"Ticket {i}", "capacity": 10} for i in range(count)],
        )

    small, large = event("small", 2), event("large", 12)
    assert _count_queries(client, small.url) == _count_queries(client, large.url)


@pytest.mark.usefixtures("uncached_pages")
def test_home_page_queries_do_not_grow_with_upcoming_events(client, index):
    image = ImageFactory()
    _events(index, 1, lead_image=image)
    one = _count_queries(client, "/")
    _events(index, 5, prefix="More", lead_image=image)
    client.get("/")  # the section is cached per content version, which publishing bumped
    assert _count_queries(client, "/") == one


def test_the_city_filter_offers_a_city_as_soon_as_an_event_there_is_published(client, index):
    _events(index, 2, city="Niš")
    assert "<option>Subotica</option>" not in client.get("/events/").content.decode()

    _events(index, 1, prefix="North", city="Subotica")

    assert "<option>Subotica</option>" in client.get("/events/").content.decode()
