"""/api/v2/events/: live, public events, upcoming or past, by series, city, type and
language; never the online link or anything of a registration; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import EventIndexPageFactory, EventPageFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db
EVENTS = "/api/v2/events/"


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(parent=home_page)


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.mark.sqlite
def test_upcoming_events_come_first_by_default_and_past_ones_on_request(client, index):
    EventPageFactory(parent=index, title="Soon", start=timezone.now() + datetime.timedelta(days=2))
    EventPageFactory(parent=index, title="Later")
    EventPageFactory(parent=index, title="Last year", start=_ago(365), end=_ago(364))
    EventPageFactory(parent=index, title="Last month", start=_ago(30), end=_ago(29))

    assert _titles(client.get(EVENTS)) == ["Soon", "Later"]
    assert _titles(client.get(EVENTS, {"when": "past"})) == ["Last month", "Last year"]
    assert len(_titles(client.get(EVENTS, {"when": "all"}))) == 4
    assert client.get(EVENTS, {"when": "tomorrow"}).status_code == 400


def test_events_are_filtered_by_series_city_and_type(client, index):
    club = EventSeriesFactory(name="Business Cluster Club", slug="business-cluster-club")
    EventPageFactory(parent=index, title="Club in Niš", series=club, event_type="club")
    EventPageFactory(parent=index, title="Fair in Novi Sad", city="Novi Sad", event_type="fair")

    assert _titles(client.get(EVENTS, {"series": "business-cluster-club"})) == ["Club in Niš"]
    assert _titles(client.get(EVENTS, {"city": "novi sad"})) == ["Fair in Novi Sad"]
    assert _titles(client.get(EVENTS, {"event_type": "club"})) == ["Club in Niš"]
    item = client.get(EVENTS, {"series": "business-cluster-club"}).json()["items"][0]
    assert item["series"] == {"slug": "business-cluster-club", "name": "Business Cluster Club"}


@pytest.mark.sqlite
def test_an_event_never_shows_its_online_link_or_registrations(client, index):
    event = EventPageFactory(
        parent=index,
        title="Webinar",
        online_url="https://meet.example.org/secret-room",
        ticket_types=[{"name": "Guest", "capacity": 5}],
    )

    detail = client.get(f"{EVENTS}{event.pk}/")
    every_field = client.get(EVENTS, {"fields": "*"})
    generic = client.get(f"/api/v2/pages/{event.pk}/", {"fields": "*"})

    assert detail.json()["is_online"] is True
    for response in (detail, every_field, generic):
        assert response.status_code == 200
        assert b"secret-room" not in response.content
        assert b"ticket_types" not in response.content
    for field in ("online_url", "ticket_types", "registrations"):
        assert client.get(EVENTS, {"fields": field}).status_code == 400


def test_an_event_under_a_restricted_index_is_not_exposed(client, index):
    event = EventPageFactory(parent=index, title="Members' evening")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    assert _titles(client.get(EVENTS)) == []
    assert client.get(f"{EVENTS}{event.pk}/").status_code == 404


def test_the_event_list_makes_as_many_queries_for_many_as_for_few(client, index, uncached_pages):
    series = EventSeriesFactory(name="Club", slug="club")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(EVENTS, {"fields": "*", "limit": 50})
        assert response.status_code == 200
        return len(captured)

    EventPageFactory(parent=index, series=series)
    queries()  # as a running site: the site's root paths are cached
    few = queries()
    for _ in range(5):
        EventPageFactory(parent=index, series=series)

    assert queries() == few
