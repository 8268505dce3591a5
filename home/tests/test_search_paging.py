"""Search results come a page at a time without being counted: a "Next" link while more
results exist, the first page for a page number past them, a fixed number of queries
whatever the number of matches, and results as fresh as the content."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home import views
from home.cache import bump_content_version
from tests.factories import StandardPageFactory
from tests.listing import titles

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

PER_PAGE = 5


@pytest.fixture(autouse=True)
def five_per_page(monkeypatch):
    monkeypatch.setattr(views, "SEARCH_RESULTS_PER_PAGE", PER_PAGE)


def _pages(parent, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        StandardPageFactory(
            parent=parent,
            title=f"Lighthouse story {number}",
            slug=f"story-{number}",
            intro="A lighthouse guides the cluster.",
            body=[],
        )


def _search(client, **query):
    response = client.get("/search/", {"q": "lighthouse", **query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_page_links_to_the_next_and_nothing_is_counted(client, home_page):
    _pages(home_page, 12)

    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        content = _search(client)

    assert len(titles(content)) == PER_PAGE
    assert 'rel="next"' in content and 'rel="prev"' not in content
    assert not [q["sql"] for q in queries if re.search(r"\bCOUNT\(", q["sql"], re.I)]


def test_the_pages_hold_every_result_once_and_the_last_has_no_next(client, home_page):
    _pages(home_page, 12)

    pages = [_search(client, page=str(number)) for number in (1, 2, 3)]

    found = [title for content in pages for title in titles(content)]
    assert sorted(found) == sorted(f"Lighthouse story {n}" for n in range(12))
    assert 'rel="next"' not in pages[2] and 'rel="prev"' in pages[2]


@pytest.mark.parametrize("page", ["50", "abc", "0", "-3", "100000000000000000000"])
def test_a_page_number_past_the_results_or_not_a_number_shows_the_first(client, home_page, page):
    _pages(home_page, 7)

    content = _search(client, page=page)

    assert titles(content) == titles(_search(client))
    assert 'rel="next"' in content


def test_a_page_published_after_a_search_is_found_by_the_same_search(client, home_page):
    _pages(home_page, 1)
    assert titles(_search(client)) == ["Lighthouse story 0"]

    _pages(home_page, 1, start=1)

    assert set(titles(_search(client))) == {"Lighthouse story 0", "Lighthouse story 1"}


def _cold_search_queries(client, page: str) -> int:
    _search(client, page=page)
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        _search(client, page=page)
    return len(queries)


@pytest.mark.parametrize("page", ["1", "2"])
def test_queries_stay_the_same_when_the_matches_double(
    client, home_page, django_assert_max_num_queries, page
):
    _pages(home_page, 12)
    most = _cold_search_queries(client, page)

    _pages(home_page, 12, start=12)
    bump_content_version()
    _search(client, page=page)
    with django_assert_max_num_queries(most):
        bump_content_version()
        _search(client, page=page)
