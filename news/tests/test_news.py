import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from news import feeds, views
from tests.factories import (
    AuthorFactory,
    ClusterDirectoryPageFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def categories():
    return {
        "cluster": NewsCategoryFactory(name="Cluster news", slug="cluster-news"),
        "calls": NewsCategoryFactory(name="Calls and funding", slug="calls"),
    }


def _articles(index, count, categories, prefix="Story", **extra):
    """Articles with every card detail; ``extra`` fields (a lead image, say) for all."""
    author = AuthorFactory(name="Ana Petrović")
    return [
        NewsPageFactory(
            parent=index,
            title=f"{prefix} {i}",
            categories=[categories["cluster"]] if i % 2 else [categories["calls"]],
            authors=[author],
            tags=["b2b", "nis"] if i % 3 == 0 else ["ict"],
            date=datetime.date(2025 + i % 2, 1, 1) + datetime.timedelta(days=i),
            **extra,
        )
        for i in range(count)
    ]


def _count_queries(client, url):
    # Twice: the first request of a test also creates the site settings, whose save starts a
    # new content version, and the fragments cached under it (the list's years) are read
    # once more on the second.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_list_is_newest_first_with_card_details(client, news_index, categories):
    _articles(news_index, 3, categories, lead_image=ImageFactory())

    content = client.get("/news/").content.decode()
    assert content.count('class="card__image"') == 3

    assert content.index("Story 2") < content.index("Story 0")
    assert "Calls and funding" in content and "Clusters in Serbia keep growing." in content


def test_filters_combine_and_show_removable_chips(client, news_index, categories):
    _articles(news_index, 12, categories)

    response = client.get("/news/", {"category": "cluster-news", "year": "2026", "tag": "ict"})

    content = response.content.decode()
    titles = set(re.findall(r">(Story \d+)</a></h3>", content))
    # odd numbers are cluster news, odd numbers fall in 2026, ict where not divisible by 3
    assert titles == {"Story 1", "Story 5", "Story 7", "Story 11"}
    assert 'href="?year=2026&amp;tag=ict"' in content  # removing the category chip
    assert "Clear all filters" in content


def test_unknown_category_is_404_and_unknown_tag_is_empty(client, news_index, categories):
    _articles(news_index, 2, categories)

    assert client.get("/news/", {"category": "nope"}).status_code == 404
    response = client.get("/news/", {"tag": "nope"})
    assert response.status_code == 200
    assert "No articles match these filters." in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "99999", "-1", "2026abc", "²", "2026³", "9" * 40])
def test_a_bad_year_gives_an_empty_result(client, news_index, categories, year):
    _articles(news_index, 2, categories)

    response = client.get("/news/", {"year": year})

    assert response.status_code == 200
    assert "No articles match these filters." in response.content.decode()


@pytest.mark.parametrize(
    ("page", "expected"), [("abc", "Story 14"), ("999", "Story 1"), ("", "Story 14")]
)
def test_bad_page_numbers_give_a_clean_page(client, news_index, categories, page, expected):
    articles = _articles(news_index, 15, categories)
    for number, article in enumerate(articles):
        article.date = datetime.date(2026, 1, 1) + datetime.timedelta(days=number)
        article.save_revision().publish()

    response = client.get("/news/", {"page": page})

    assert response.status_code == 200
    assert f">{expected}</a></h3>" in response.content.decode()


def test_query_string_is_never_echoed_unescaped(client, news_index, categories):
    response = client.get("/news/", {"tag": '"><script>alert(1)</script>'})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_article_shows_authors_categories_tags_and_structured_data(client, news_index, categories):
    article, *_ = _articles(news_index, 4, categories)

    content = client.get(article.url).content.decode()

    assert "Ana Petrović" in content
    assert 'href="/news/?category=calls"' in content
    assert 'href="/news/?tag=b2b"' in content
    assert '<meta property="og:type" content="article">' in content
    assert '<meta name="twitter:card"' in content
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Story 0"
    assert data["author"] == [{"@type": "Person", "name": "Ana Petrović"}]
    # More in this category: the other "calls" article (Story 2), not itself.
    more = content[content.index("More in this category") :]
    assert "Story 2" in more and "Story 0" not in more


def test_home_page_shows_the_latest_three_articles(client, news_index, categories):
    _articles(news_index, 5, categories)

    content = client.get("/").content.decode()
    section = content[content.index("home-news-heading") : content.index("home-events-heading")]

    assert re.findall(r">(Story \d+)</a></h3>", section) == ["Story 3", "Story 1", "Story 4"]


def test_rss_and_atom_feeds_list_articles(client, news_index, categories):
    _articles(news_index, 3, categories)

    rss = ET.fromstring(client.get("/news/feed/").content)
    items = rss.findall("./channel/item")
    assert [item.findtext("title") for item in items][0] == "Story 1"
    assert items[0].findtext("link") == "http://testserver/news/story-1/"
    assert items[0].findtext("pubDate")
    assert items[0].findtext("description") == "Clusters in Serbia keep growing."

    atom = client.get("/news/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"<entry>" in atom.content


def test_category_feed_only_has_that_category(client, news_index, categories):
    _articles(news_index, 4, categories)

    rss = ET.fromstring(client.get("/news/feed/calls/").content)

    assert {item.findtext("title") for item in rss.findall("./channel/item")} == {
        "Story 0",
        "Story 2",
    }
    assert client.get("/news/feed/nope/").status_code == 404


def test_feeds_are_advertised_on_every_page(client, news_index):
    content = client.get("/").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" title="News (RSS)" href="/news/feed/">'
        in content
    )


def test_articles_appear_in_site_search_with_their_date(client, news_index, categories):
    NewsPageFactory(
        parent=news_index,
        title="Supercluster pilots",
        intro="Four domains chosen.",
        tags=["web3"],
        date=datetime.date(2026, 3, 25),
    )

    content = client.get("/search/", {"q": "supercluster"}).content.decode()

    assert "Supercluster pilots" in content
    assert '<time datetime="2026-03-25">' in content


def test_articles_are_found_by_their_tags(client, news_index):
    NewsPageFactory(parent=news_index, title="Pilot phase", intro="Results.", tags=["blockchain"])

    assert "Pilot phase" in client.get("/search/", {"q": "blockchain"}).content.decode()


def test_search_runs_on_postgresql_full_text():
    assert type(get_search_backend()).__name__ == "PostgresSearchBackend"


def test_each_language_lists_its_own_articles(client, news_index, home_page, categories):
    english = NewsPageFactory(parent=news_index, title="English story")
    translate_page(home_page, "sr-latn", title="Početna")
    translate_page(news_index, "sr-latn", title="Vesti", slug="vesti")
    translate_page(english, "sr-latn", title="Srpska vest", slug="srpska-vest")

    assert "Srpska vest" in client.get("/sr-latn/vesti/").content.decode()
    assert "Srpska vest" not in client.get("/news/").content.decode()
    assert "English story" in client.get("/news/").content.decode()


@pytest.fixture
def everything_on_one_page(monkeypatch):
    """Lists and feeds long enough that all 100 articles are on the page measured."""
    monkeypatch.setattr(views, "NEWS_PER_PAGE", 200)
    monkeypatch.setattr(feeds, "FEED_LENGTH", 200)


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", ["/news/", "/news/?category=calls&year=2025", "/news/feed/"])
@pytest.mark.usefixtures("everything_on_one_page")
def test_list_and_feed_queries_do_not_grow_with_articles(client, news_index, categories, url):
    images = {"lead_image": ImageFactory()}
    _articles(news_index, 10, categories, **images)
    ten = _count_queries(client, url)

    _articles(news_index, 90, categories, prefix="More", **images)
    hundred = _count_queries(client, url)

    assert ten == hundred


@pytest.mark.usefixtures("uncached_pages")
def test_article_query_count_does_not_grow_with_related_articles(client, news_index, categories):
    first, *_ = _articles(news_index, 10, categories)
    ten = _count_queries(client, first.url)

    _articles(news_index, 90, categories, prefix="More")
    hundred = _count_queries(client, first.url)

    assert ten == hundred


def test_article_links_the_organisations_it_is_about(client, news_index, home_page):
    ClusterDirectoryPageFactory(parent=home_page)
    voict = OrganisationFactory(name="VOICT", slug="voict")
    hidden = OrganisationFactory(name="Hidden cluster", slug="hidden", is_published=False)
    article = NewsPageFactory(
        parent=news_index, title="ICT in Vojvodina", organisations=[voict, hidden]
    )

    content = client.get(article.url).content.decode()

    assert '<a href="/clusters/voict/">VOICT</a>' in content
    assert "Hidden cluster" not in content


def test_the_year_filter_offers_a_year_as_soon_as_an_article_of_it_is_published(
    client, news_index, categories
):
    _articles(news_index, 2, categories)
    assert 'value="2031"' not in client.get("/news/").content.decode()

    NewsPageFactory(parent=news_index, title="Future", date=datetime.date(2031, 5, 1))

    assert 'value="2031"' in client.get("/news/").content.decode()


def test_the_list_reads_the_years_once_per_content_version(client, news_index, categories):
    _articles(news_index, 3, categories)
    # The first request also creates the site settings, which starts a new content version.
    client.get("/news/")
    client.get("/news/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/news/")

    assert not [q["sql"] for q in queries if "DATE_TRUNC" in q["sql"].upper()]
