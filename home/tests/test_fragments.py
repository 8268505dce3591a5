"""Rendering without the page cache (a member's pages, the first visitor after a publish):
the content version is read once per request, the site settings are kept in the process
under it, and the parts of the news and event pages that cost queries are cached fragments
(``{% fragment %}``) whose context is read only when the fragment is not in the cache. Each
stays as fresh as the page cache: a publish shows at once, a preview shows the draft."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.cache import VERSION_KEY, content_version
from home.models import SiteSettings
from tests.factories import (
    AuthorFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from twins.models import ScriptSettings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached_pages")]


@pytest.fixture
def site(locales):
    home = HomePageFactory(as_site_root=True)
    SiteSettings.load()
    return home


@pytest.fixture
def news(site):
    return NewsIndexPageFactory(parent=site)


def _tables_read(client, url) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in queries)


def test_a_page_reads_the_content_version_from_the_cache_once(client, news, monkeypatch):
    NewsPageFactory(parent=news, title="Clusters meet in Nis")
    client.get("/news/")
    reads = []
    original = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    client.get("/news/")

    # Menus, footer, feed links, the list's years and cards each ask for it.
    assert reads.count(VERSION_KEY) == 1


def test_a_publish_within_a_request_is_seen_by_the_rest_of_it(site):
    from home.cache import RequestScopeMiddleware, bump_content_version

    seen = []

    def view(request):
        seen.append(content_version())
        bump_content_version()
        seen.append(content_version())
        return None

    RequestScopeMiddleware(view)(object())

    assert seen[1] == seen[0] + 1


def test_an_article_seen_once_reads_none_of_its_categories_tags_or_authors_again(client, news):
    category = NewsCategoryFactory(name="Calls")
    article = NewsPageFactory(
        parent=news, categories=[category], authors=[AuthorFactory(name="Ana")], tags=["b2b"]
    )
    NewsPageFactory(parent=news, categories=[category], title="Another call")
    first = _tables_read(client, article.url)
    assert "news_author" in first and "taggit_tag" in first

    again = _tables_read(client, article.url)

    for table in ("news_author", "taggit_tag", "news_newscategory", "news_newspage_categories"):
        assert table not in again, table
    content = client.get(article.url).content.decode()
    assert "Ana" in content and "#b2b" in content and "Another call" in content


def test_a_new_tag_on_a_published_article_shows_at_once(client, news):
    article = NewsPageFactory(parent=news, tags=["b2b"])
    client.get(article.url)

    article.tags.add("matchmaking")
    article.save_revision().publish()

    assert "#matchmaking" in client.get(article.url).content.decode()


def test_a_preview_shows_the_draft_and_not_the_cached_article(client, news):
    article = NewsPageFactory(parent=news, title="Published title")
    client.get(article.url)

    article.title = "Draft title"
    response = article.make_preview_request()

    content = response.content.decode()
    assert "Draft title" in content
    assert "Draft title" not in client.get(article.url).content.decode()


def test_the_news_list_shows_a_new_article_at_once_and_keeps_each_page_apart(client, news):
    for number in range(13):
        NewsPageFactory(parent=news, title=f"Story {number}")
    assert "Story 12" in client.get("/news/").content.decode()
    assert "Story 0" in client.get("/news/?page=2").content.decode()

    NewsPageFactory(parent=news, title="Fresh story", date=datetime.date(2030, 1, 1))

    assert "Fresh story" in client.get("/news/").content.decode()
    assert "Story 1<" in client.get("/news/?page=2").content.decode()
    again = _tables_read(client, "/news/?page=2")
    assert "news_newspage" not in again


def test_an_event_that_has_ended_leaves_the_upcoming_list_within_ten_minutes(
    client, site, monkeypatch
):
    index = EventIndexPageFactory(parent=site)
    now = timezone.now()
    EventPageFactory(
        parent=index,
        title="Morning club",
        start=now - datetime.timedelta(hours=2),
        end=now + datetime.timedelta(minutes=5),
    )
    assert "Morning club" in client.get(index.url).content.decode()

    later = now + datetime.timedelta(minutes=25)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Morning club" not in client.get(index.url).content.decode()


def test_renaming_the_site_shows_the_new_name_at_once(client, site):
    client.get("/")
    settings = SiteSettings.load()
    settings.organisation_name = "Cluster Association of Serbia"
    settings.save()

    assert "Cluster Association of Serbia" in client.get("/").content.decode()


def test_saving_the_terms_that_stay_latin_bumps_the_content_version(site):
    before = content_version()

    ScriptSettings.load().save()

    assert content_version() > before


def test_the_home_page_s_content_found_in_the_cache_reads_no_image_event_or_news_table(
    client, site
):
    """The home page's hero, sections and body are one fragment: rendered again (for a
    member, or with the page cache off) it costs only the page's own lookups."""
    site.hero_image = ImageFactory()
    site.save_revision().publish()
    EventPageFactory(parent=EventIndexPageFactory(parent=site), title="Cluster Day")
    NewsPageFactory(parent=NewsIndexPageFactory(parent=site), title="Clusters meet in Nis")
    first = client.get("/").content.decode()
    assert "Cluster Day" in first and "Clusters meet in Nis" in first

    again = _tables_read(client, "/")

    for table in ("wagtailimages_image", "events_eventpage", "news_newspage"):
        assert table not in again, table


def test_publishing_the_home_page_shows_its_new_hero_at_once(client, site):
    client.get("/")
    site.hero_heading = "Clusters of Serbia, together"
    site.save_revision().publish()

    assert "Clusters of Serbia, together" in client.get("/").content.decode()
