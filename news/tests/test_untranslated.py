"""The news list and the home page's latest news in Serbian show the articles not translated
yet, once, in the language they have, marked so; the feeds stay in one language."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from news import views
from tests.factories import (
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    translate_page,
)
from tests.listing import entries, titles, without_cyrillic_twins

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

LATIN, CYRILLIC = "/sr-latn/vesti/", "/sr/vesti/"


def _date(day: int) -> datetime.date:
    return datetime.date(2026, 1, 1) + datetime.timedelta(days=day)


def _translated_category(category, code: str, name: str, slug: str):
    return NewsCategoryFactory(
        name=name,
        slug=slug,
        locale=Locale.objects.get(language_code=code),
        translation_key=category.translation_key,
    )


@pytest.fixture
def site(home_page):
    """The news in three languages: one article in English only, one translated into both
    scripts, one into Latin only, one written in Latin only; newest first in that order."""
    index = NewsIndexPageFactory(parent=home_page)
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(home_page, "sr", title="Почетна")
    latin_index = translate_page(index, "sr-latn", title="Vesti", slug="vesti")
    translate_page(index, "sr", title="Вести", slug="vesti")
    calls = NewsCategoryFactory(name="Calls", slug="calls")
    pozivi = _translated_category(calls, "sr-latn", "Pozivi", "pozivi")
    both = NewsPageFactory(parent=index, title="Shared story", slug="shared", date=_date(3))
    latin = NewsPageFactory(parent=index, title="Latin story", slug="latin", date=_date(1))
    pages = {
        "english": NewsPageFactory(
            parent=index,
            title="English only",
            slug="english-only",
            intro="Only in English.",
            categories=[calls],
            tags=["b2b"],
            date=_date(4),
        ),
        "both": both,
        "both_latin": translate_page(both, "sr-latn", title="Zajednička vest", slug="zajednicka"),
        "both_cyrillic": translate_page(both, "sr", title="Заједничка вест", slug="zajednicka"),
        "latin": latin,
        "latin_latin": translate_page(
            latin, "sr-latn", title="Latinična vest", slug="latinicna", categories=[pozivi]
        ),
        "serbian_only": NewsPageFactory(
            parent=latin_index, title="Samo srpski", slug="samo-srpski", date=_date(0)
        ),
    }
    return {"index": index, "calls": calls, "pozivi": pozivi, **pages}


def test_a_latin_reader_sees_untranslated_articles_once_marked_and_linked_in_english(client, site):
    listed = entries(client.get(LATIN).content.decode())

    assert [entry["title"] for entry in listed] == [
        "English only",
        "Zajednička vest",
        "Latinična vest",
        "Samo srpski",
    ]
    english, shared, *_ = listed
    assert english == {
        "title": "English only",
        "url": "/news/english-only/",
        "lang": "en",
        "label": "Na engleskom",
        "summary_lang": "en",
    }
    assert shared == {
        "title": "Zajednička vest",
        "url": "/sr-latn/vesti/zajednicka/",
        "lang": None,
        "label": None,
        "summary_lang": None,
    }


def test_a_cyrillic_reader_sees_the_latin_version_first_then_the_english_one(client, site):
    without_cyrillic_twins(site["latin_latin"], site["serbian_only"])
    listed = entries(client.get(CYRILLIC).content.decode())

    assert [(entry["title"], entry["lang"], entry["label"]) for entry in listed] == [
        ("English only", "en", "На енглеском"),
        ("Заједничка вест", None, None),
        ("Latinična vest", "sr-latn", "Латиницом"),
        ("Samo srpski", "sr-latn", "Латиницом"),
    ]
    assert listed[0]["url"] == "/news/english-only/"
    assert listed[2]["url"] == "/sr-latn/vesti/latinicna/"


def test_the_english_list_and_every_feed_keep_to_their_own_language(client, site):
    assert titles(client.get("/news/").content.decode()) == [
        "English only",
        "Shared story",
        "Latin story",
    ]
    for url in (f"{LATIN}feed/", f"{CYRILLIC}feed/"):
        feed = ET.fromstring(client.get(url).content)
        listed = [item.findtext("title") for item in feed.findall("./channel/item")]
        assert "English only" not in listed and "Latin story" not in listed, url


def test_an_untranslated_article_opens_in_its_own_language(client, site):
    response = client.get("/news/english-only/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The Latin category matches the English article filed under its English original,
        # and the Latin translation filed under it.
        ({"category": "pozivi"}, ["English only", "Latinična vest"]),
        ({"tag": "b2b"}, ["English only"]),
        ({"year": "2026"}, ["English only", "Zajednička vest", "Latinična vest", "Samo srpski"]),
        ({"year": "2025"}, []),
    ],
)
def test_filters_apply_to_untranslated_articles(client, site, query, expected):
    assert titles(client.get(LATIN, query).content.decode()) == expected


def test_a_translation_outside_the_filter_still_hides_its_english_original(client, site):
    # The English original of "Latinična vest" is in no category; its Latin translation is in
    # "Pozivi". A filter by the English category never brings back the English one in Latin.
    site["latin"].categories = [site["calls"]]
    site["latin"].save_revision().publish()
    site["latin_latin"].categories = []
    site["latin_latin"].save_revision().publish()

    assert titles(client.get(LATIN, {"category": "pozivi"}).content.decode()) == ["English only"]


def test_the_year_filter_offers_the_years_of_untranslated_articles(client, site):
    NewsPageFactory(parent=site["index"], title="Old English", date=datetime.date(2019, 5, 1))

    content = client.get(LATIN).content.decode()

    assert '<option value="2019">2019</option>' in content
    assert titles(client.get(LATIN, {"year": "2019"}).content.decode()) == ["Old English"]


def test_pages_of_the_list_hold_each_article_once_in_date_order(client, site, monkeypatch):
    monkeypatch.setattr(views, "NEWS_PER_PAGE", 3)

    first = titles(client.get(LATIN).content.decode())
    second = titles(client.get(LATIN, {"page": "2"}).content.decode())

    assert first + second == ["English only", "Zajednička vest", "Latinična vest", "Samo srpski"]


def test_the_latin_home_page_shows_untranslated_news_marked(client, site):
    content = client.get("/sr-latn/").content.decode()
    section = content[content.index("home-news-heading") : content.index("home-events-heading")]

    assert [(e["title"], e["label"]) for e in entries(section)] == [
        ("English only", "Na engleskom"),
        ("Zajednička vest", None),
        ("Latinična vest", None),
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


def _more(index, count: int, *, prefix: str, translated: bool, category, image):
    for number in range(count):
        page = NewsPageFactory(
            parent=index,
            title=f"{prefix} {number}",
            slug=f"{prefix.lower()}-{number}",
            categories=[category],
            date=_date(10 + number),
            lead_image=image,
        )
        if translated:
            translate_page(page, "sr-latn", slug=f"{prefix.lower()}-{number}-sr")


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", [LATIN, f"{LATIN}?category=pozivi&year=2026", "/sr-latn/"])
def test_queries_do_not_grow_with_untranslated_articles(client, site, monkeypatch, url):
    monkeypatch.setattr(views, "NEWS_PER_PAGE", 200)
    image = ImageFactory()
    # Cards with images from the start: the first image costs its renditions' query; and a
    # translated one, whose source's categories cost one query for the language's.
    _more(site["index"], 1, prefix="Pictured", translated=True, category=site["calls"], image=image)
    few = _count_queries(client, url)

    for prefix, count, translated in (("Untranslated", 15, False), ("Translated", 10, True)):
        _more(
            site["index"],
            count,
            prefix=prefix,
            translated=translated,
            category=site["calls"],
            image=image,
        )
    many = _count_queries(client, url)

    assert few == many
    if url != "/sr-latn/":
        assert len(titles(client.get(url).content.decode())) > 25
