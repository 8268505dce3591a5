import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    english = StandardPageFactory(
        parent=home_page, title="Cluster development", intro="How clusters grow in Serbia."
    )
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(english, "sr-latn", title="Razvoj klastera", slug="razvoj-klastera")
    StandardPageFactory(parent=home_page, title="Unrelated", intro="Nothing to see.", body=[])
    return english


def test_search_finds_live_pages_in_the_reader_language(client, pages):
    content = client.get("/search/", {"q": "cluster"}).content.decode()

    assert "Cluster development" in content
    assert "Razvoj klastera" not in content
    assert "Unrelated" not in content


def test_search_in_serbian_returns_serbian_pages(client, pages):
    content = client.get("/sr-latn/search/", {"q": "klastera"}).content.decode()

    assert "Razvoj klastera" in content


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        '"unbalanced (quote & | ! :*',
        "čćžšđ ЋЧЏ 🙂",
        "   ",
        "\x00",
    ],
)
def test_any_query_returns_a_page_and_is_escaped(client, pages, query):
    response = client.get("/search/", {"q": query})

    # A NUL is refused for every view by the input-hygiene middleware, with a clear 400.
    assert response.status_code == (400 if "\x00" in query else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "99999", ""])
def test_any_page_number_returns_a_page(client, pages, page_number):
    response = client.get("/search/", {"q": "cluster", "page": page_number})

    assert response.status_code == 200
    assert "Cluster development" in response.content.decode()


@pytest.fixture
def nis_pages(home_page):
    """A Latin page about Niš (its Cyrillic twin is written on publish) and one about
    Belgrade, in Serbian."""
    latin_home = translate_page(home_page, "sr-latn", title="Početna")
    for title, intro in [
        ("Dani klastera u Nišu", "Konferencija klastera, grad Niš, jug Srbije."),
        ("Klaster kuća u Beogradu", "Đorđe i Ljiljana vode obuke."),
    ]:
        StandardPageFactory(parent=latin_home, title=title, intro=intro)


def _titles(client, language: str, query: str) -> set[str]:
    prefix = "" if language == "en" else f"/{language}"
    content = client.get(f"{prefix}/search/", {"q": query}).content.decode()
    return {title for title in TITLES[language] if title in content}


TITLES = {
    "sr-latn": ["Dani klastera u Nišu", "Klaster kuća u Beogradu"],
    "sr": ["Дани кластера у Нишу", "Кластер кућа у Београду"],
}


@pytest.mark.sqlite
@pytest.mark.parametrize("language", ["sr-latn", "sr"])
def test_nis_nis_and_its_cyrillic_find_the_same_pages_in_the_readers_script(
    client, nis_pages, language
):
    found = {query: _titles(client, language, query) for query in ("Niš", "Nis", "Ниш", "NIŠ")}

    assert found["Niš"] == {TITLES[language][0]}
    assert found["Nis"] == found["Ниш"] == found["NIŠ"] == found["Niš"]


@pytest.mark.sqlite
@pytest.mark.parametrize("language", ["sr-latn", "sr"])
def test_klaster_in_either_script_and_dj_for_dj_find_the_same_pages(client, nis_pages, language):
    assert _titles(client, language, "кластер") == _titles(client, language, "klaster")
    assert TITLES[language][1] in _titles(client, language, "klaster")
    assert _titles(client, language, "Djordje") == _titles(client, language, "Ђорђе")
    assert _titles(client, language, "Đorđe") == {TITLES[language][1]}


def test_results_show_an_articles_date_and_an_events_first_day(client, home_page):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Lighthouse article", date=datetime.date(2026, 3, 14))
    events = EventIndexPageFactory(parent=home_page)
    start = timezone.make_aware(datetime.datetime(2026, 10, 8, 9, 0))
    EventPageFactory(
        parent=events,
        title="Lighthouse conference",
        start=start,
        end=start + datetime.timedelta(hours=8),
    )
    StandardPageFactory(parent=home_page, title="Lighthouse guide", body=[])

    content = client.get("/search/", {"q": "lighthouse"}).content.decode()

    assert '<time datetime="2026-03-14">' in content
    assert '<time datetime="2026-10-08">' in content
    # The standard page has no date: two results of three show one.
    assert content.count('class="search-results__date"') == 2


def test_a_page_restricted_after_a_search_was_remembered_is_no_longer_found(client, pages):
    assert "Cluster development" in client.get("/search/", {"q": "cluster"}).content.decode()

    PageViewRestriction.objects.create(page=pages, restriction_type=PageViewRestriction.LOGIN)

    assert "Cluster development" not in client.get("/search/", {"q": "cluster"}).content.decode()


def test_a_search_asked_again_looks_up_neither_the_site_nor_the_restrictions(
    client, pages, django_assert_num_queries, settings
):
    # What a signed-in reader, or anyone when the page cache is off, costs.
    settings.PAGE_CACHE_ENABLED = False
    # The first request makes the site's settings, which moves the content version on.
    client.get("/search/", {"q": "development"})
    client.get("/search/", {"q": "development"})

    # The result's page, one query, and its specific row: the site
    # and the matching pages are remembered under the content version.
    with django_assert_num_queries(2):
        response = client.get("/search/", {"q": "development"})

    assert "Cluster development" in response.content.decode()
