"""The events list and the home page's upcoming events in Serbian show the events not
translated yet, once, in the language they have, marked so; the calendar feeds stay in one
language."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from events.views import pages
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    ImageFactory,
    translate_page,
)
from tests.listing import entries, titles, without_cyrillic_twins

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

LATIN, CYRILLIC = "/sr-latn/dogadjaji/", "/sr/dogadjaji/"


def _in_days(days: int) -> dict:
    start = timezone.now() + datetime.timedelta(days=days)
    return {"start": start, "end": start + datetime.timedelta(hours=6)}


def _event(index, title: str, days: int, **fields):
    slug = fields.pop("slug", title.lower().replace(" ", "-"))
    return EventPageFactory(parent=index, title=title, slug=slug, **_in_days(days), **fields)


@pytest.fixture
def site(home_page):
    """Events in three languages: one in English only (a club in Beograd, in the "Days of
    Clusters" series), one translated into both scripts, one into Latin only, one written in
    Latin only, and a past one in English only; soonest first in that order."""
    index = EventIndexPageFactory(parent=home_page)
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(home_page, "sr", title="Почетна")
    latin_index = translate_page(index, "sr-latn", title="Događaji", slug="dogadjaji")
    translate_page(index, "sr", title="Догађаји", slug="dogadjaji")
    days = EventSeriesFactory(name="Days of Clusters", slug="days-of-clusters")
    dani = EventSeriesFactory(
        name="Dani klastera",
        slug="dani-klastera",
        locale=Locale.objects.get(language_code="sr-latn"),
        translation_key=days.translation_key,
    )
    both = _event(index, "Shared event", 20, slug="shared")
    latin = _event(index, "Latin event", 30, slug="latin")
    return {
        "index": index,
        "days": days,
        "english": _event(
            index,
            "English club",
            10,
            series=days,
            city="Beograd",
            event_type="club",
            intro="Only in English.",
        ),
        "both": both,
        "both_latin": translate_page(both, "sr-latn", title="Zajednički događaj", slug="zaj"),
        "both_cyrillic": translate_page(both, "sr", title="Заједнички догађај", slug="zaj"),
        "latin": latin,
        "latin_latin": translate_page(
            latin, "sr-latn", title="Latinični događaj", slug="lat", series=dani
        ),
        "serbian_only": _event(latin_index, "Samo srpski", 40),
        "past": _event(index, "Past English", -40),
    }


def test_a_latin_reader_sees_untranslated_events_once_marked_and_linked_in_english(client, site):
    listed = entries(client.get(LATIN).content.decode())

    assert [entry["title"] for entry in listed] == [
        "English club",
        "Zajednički događaj",
        "Latinični događaj",
        "Samo srpski",
    ]
    assert listed[0] == {
        "title": "English club",
        "url": "/events/english-club/",
        "lang": "en",
        "label": "Na engleskom",
        "summary_lang": "en",
    }
    assert listed[1]["url"] == "/sr-latn/dogadjaji/zaj/"
    assert listed[1]["lang"] is None and listed[1]["label"] is None


def test_a_cyrillic_reader_sees_the_latin_version_first_then_the_english_one(client, site):
    without_cyrillic_twins(site["latin_latin"], site["serbian_only"])
    listed = entries(client.get(CYRILLIC).content.decode())

    assert [(entry["title"], entry["lang"], entry["label"]) for entry in listed] == [
        ("English club", "en", "На енглеском"),
        ("Заједнички догађај", None, None),
        ("Latinični događaj", "sr-latn", "Латиницом"),
        ("Samo srpski", "sr-latn", "Латиницом"),
    ]
    assert listed[2]["url"] == "/sr-latn/dogadjaji/lat/"


def test_the_past_tab_lists_untranslated_past_events(client, site):
    listed = entries(client.get(LATIN, {"tab": "past"}).content.decode())

    assert [(entry["title"], entry["label"]) for entry in listed] == [
        ("Past English", "Na engleskom")
    ]


def test_the_english_list_and_every_calendar_feed_keep_to_their_own_language(client, site):
    assert titles(client.get("/events/").content.decode()) == [
        "English club",
        "Shared event",
        "Latin event",
    ]
    latin_feed = client.get(f"{LATIN}feed.ics").content.decode()
    assert "English club" not in latin_feed and "Zajednički događaj" in latin_feed
    cyrillic_feed = client.get(f"{CYRILLIC}feed.ics").content.decode()
    assert "Latinični događaj" not in cyrillic_feed and "Заједнички догађај" in cyrillic_feed


def test_filters_apply_to_untranslated_events(client, site):
    def listed(**query):
        return titles(client.get(LATIN, query).content.decode())

    # The Latin series matches the English event in its English original.
    assert listed(series="dani-klastera") == ["English club", "Latinični događaj"]
    assert listed(type="club") == ["English club"]
    assert listed(city="beograd") == ["English club"]
    month = site["english"].start.astimezone(timezone.get_current_timezone())
    assert "English club" in listed(month=f"{month:%Y-%m}")
    assert listed(series="no-such-series") == []


def test_the_filters_offer_the_cities_and_months_of_untranslated_events(client, site):
    content = client.get(LATIN).content.decode()

    assert "<option>Beograd</option>" in content


def test_the_latin_home_page_shows_untranslated_events_marked(client, site):
    content = client.get("/sr-latn/").content.decode()
    section = content[content.index("home-events-heading") : content.index("home-figures-heading")]

    assert [(e["title"], e["label"]) for e in entries(section)] == [
        ("English club", "Na engleskom"),
        ("Zajednički događaj", None),
        ("Latinični događaj", None),
    ]


def _count_queries(client, url) -> int:
    # Warm the caches as on a running site: the first request also makes the site's settings
    # row, which bumps the content version and so leaves the fragments it cached behind.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", [LATIN, f"{LATIN}?series=dani-klastera&type=club", "/sr-latn/"])
def test_queries_do_not_grow_with_untranslated_events(client, site, monkeypatch, url):
    monkeypatch.setattr(pages, "EVENTS_PER_PAGE", 200)
    image = ImageFactory()
    # Cards with images from the start: the first image costs its renditions' query.
    _event(site["index"], "Pictured", 45, series=site["days"], event_type="club", lead_image=image)
    few = _count_queries(client, url)

    for number in range(15):
        _event(
            site["index"],
            f"Untranslated {number}",
            50 + number,
            series=site["days"],
            event_type="club",
            lead_image=image,
        )
    for number in range(10):
        event = _event(site["index"], f"Translated {number}", 70 + number, lead_image=image)
        translate_page(event, "sr-latn", slug=f"translated-{number}-sr")
    many = _count_queries(client, url)

    assert few == many
    if url == LATIN:
        assert len(titles(client.get(url).content.decode())) == 30
