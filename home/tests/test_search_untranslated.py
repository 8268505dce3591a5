"""Search in Serbian also finds the pages not translated yet, once, in the language they
have, marked so; the reader's own language wins, then the other script, then English."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import views
from home.cache import bump_content_version
from tests.factories import StandardPageFactory, translate_page
from tests.listing import entries, without_cyrillic_twins

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

SERBIAN_HOME = {"hero_heading": "Udruženje", "hero_text": "Srbija."}


def _says(text: str) -> dict:
    """The page's introduction (searched) and its description (shown in the results)."""
    return {"intro": text, "search_description": text}


def _page(parent, title: str, slug: str, intro: str):
    return StandardPageFactory(parent=parent, title=title, slug=slug, body=[], **_says(intro))


@pytest.fixture
def site(home_page):
    """An English-only page about clusters, one translated into Latin (both versions say
    "cluster"), one translated into both scripts but only the English says "cluster", and a
    page written in Latin only."""
    home_latin = translate_page(home_page, "sr-latn", title="Početna", **SERBIAN_HOME)
    translate_page(home_page, "sr", title="Почетна", **SERBIAN_HOME)
    translated = _page(home_page, "Cluster map", "cluster-map", "Where the cluster members are.")
    everywhere = _page(home_page, "About us", "about", "The cluster association.")
    return {
        "english": _page(home_page, "Cluster development", "development", "How a cluster grows."),
        "translated": translated,
        "translated_latin": translate_page(
            translated, "sr-latn", title="Klaster mapa", slug="mapa", **_says("Cluster na mapi.")
        ),
        "everywhere_latin": translate_page(
            everywhere, "sr-latn", title="O nama", slug="o-nama", **_says("Udruženje.")
        ),
        "everywhere_cyrillic": translate_page(
            everywhere, "sr", title="О нама", slug="o-nama", **_says("Удружење.")
        ),
        "latin_only": _page(home_latin, "Latinična strana", "latinicna", "O cluster temi."),
    }


def _found(client, url: str, **query) -> dict[str, dict]:
    response = client.get(url, {"q": "cluster", **query})
    assert response.status_code == 200
    found = entries(response.content.decode())
    by_title = {entry["title"]: entry for entry in found}
    assert len(by_title) == len(found), "an entry is listed twice"
    return by_title


def test_a_latin_reader_finds_untranslated_pages_once_marked_and_linked_in_english(client, site):
    found = _found(client, "/sr-latn/search/")

    assert set(found) == {"Cluster development", "Klaster mapa", "Latinična strana"}
    assert found["Cluster development"] == {
        "title": "Cluster development",
        "url": "/development/",
        "lang": "en",
        "label": "Na engleskom",
        "summary_lang": "en",
    }
    assert found["Klaster mapa"]["url"] == "/sr-latn/mapa/"
    assert found["Klaster mapa"]["label"] is None and found["Klaster mapa"]["lang"] is None


def test_a_cyrillic_reader_finds_latin_pages_before_english_ones(client, site):
    without_cyrillic_twins(site["translated_latin"], site["latin_only"])
    found = _found(client, "/sr/search/")

    assert {title: (entry["lang"], entry["label"]) for title, entry in found.items()} == {
        "Cluster development": ("en", "На енглеском"),
        # Translated into Latin only: the Latin version, not the English one.
        "Klaster mapa": ("sr-latn", "Латиницом"),
        "Latinična strana": ("sr-latn", "Латиницом"),
    }
    assert found["Latinična strana"]["url"] == "/sr-latn/latinicna/"


def test_an_english_reader_finds_english_pages_only(client, site):
    found = _found(client, "/search/")

    # PostgreSQL's stemming also finds the English home page's "Clusters"; SQLite's does not.
    assert set(found) - {"Home"} == {"Cluster development", "Cluster map", "About us"}
    assert all(entry["label"] is None for entry in found.values())


def test_a_page_translated_but_not_matching_is_not_found_in_english_instead(client, site):
    # "About us" says "cluster", its translations do not: a Serbian reader finds neither.
    assert "About us" not in _found(client, "/sr-latn/search/")
    assert "About us" not in _found(client, "/sr/search/")


def test_the_pages_of_results_hold_each_page_once(client, site, monkeypatch):
    monkeypatch.setattr(views, "SEARCH_RESULTS_PER_PAGE", 2)

    first = _found(client, "/sr-latn/search/")
    second = _found(client, "/sr-latn/search/", page="2")

    assert len(first) == 2 and len(second) == 1
    assert set(first) | set(second) == {"Cluster development", "Klaster mapa", "Latinična strana"}


def _count_queries(client, url: str) -> int:
    """The queries of a search that is not in the cache (a new content version): the full
    text search runs, as it does for a query first asked."""
    client.get(url, {"q": "cluster"})
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "cluster"})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", ["/sr-latn/search/", "/sr/search/"])
def test_queries_do_not_grow_with_untranslated_results(client, site, home_page, monkeypatch, url):
    monkeypatch.setattr(views, "SEARCH_RESULTS_PER_PAGE", 100)
    few = _count_queries(client, url)

    for number in range(20):
        _page(home_page, f"Cluster story {number}", f"story-{number}", "A cluster story.")
    many = _count_queries(client, url)

    assert few == many
    assert len(_found(client, url)) == 23
