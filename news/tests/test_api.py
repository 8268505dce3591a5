"""/api/v2/news/: live, public articles, newest first, by category, tag, year and language,
in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
NEWS = "/api/v2/news/"


@pytest.fixture
def index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_articles_are_listed_newest_first_with_their_categories(client, index):
    calls = NewsCategoryFactory(name="Calls and funding", slug="calls")
    NewsPageFactory(parent=index, title="Older", date=datetime.date(2025, 5, 1))
    NewsPageFactory(parent=index, title="Newer", date=datetime.date(2026, 2, 1), categories=[calls])
    NewsPageFactory(parent=index, title="Draft", publish=False)

    response = client.get(NEWS)

    assert _titles(response) == ["Newer", "Older"]
    assert response.json()["items"][0]["categories"] == [
        {"slug": "calls", "name": "Calls and funding"}
    ]


@pytest.mark.sqlite
def test_articles_are_filtered_by_category_tag_and_year(client, index):
    calls = NewsCategoryFactory(name="Calls and funding", slug="calls")
    NewsPageFactory(
        parent=index, title="Call", date=datetime.date(2026, 2, 1), categories=[calls], tags=["eu"]
    )
    NewsPageFactory(parent=index, title="Report", date=datetime.date(2025, 2, 1))

    assert _titles(client.get(NEWS, {"category": "calls"})) == ["Call"]
    assert _titles(client.get(NEWS, {"tag": "eu"})) == ["Call"]
    assert _titles(client.get(NEWS, {"year": "2025"})) == ["Report"]
    assert client.get(NEWS, {"year": "99999999999999999999"}).status_code == 400


def test_the_news_list_makes_as_many_queries_for_many_as_for_few(client, index, uncached_pages):
    calls = NewsCategoryFactory(name="Calls and funding", slug="calls")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(NEWS, {"fields": "*", "limit": 50})
        assert response.status_code == 200
        return len(captured)

    NewsPageFactory(parent=index, categories=[calls], tags=["eu"])
    queries()  # as a running site: the site's root paths are cached
    few = queries()
    for n in range(5):
        NewsPageFactory(parent=index, categories=[calls], tags=["eu", f"t{n}"])

    assert queries() == few
