"""``manage.py seed_demo``: the demo site a local run starts with, in three languages, with
its news, and running it again changes nothing."""

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from demo import news
from demo.seeding import CREATED, UNCHANGED, UPDATED, ensure_page
from events.models import EventPage, EventSeries, EventSession, Speaker, TicketType
from home.models import FooterText, HomePage, Menu, MenuItem, StandardPage
from news.feeds import FEED_LENGTH
from news.models import Author, NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    # One folder for the module: the seeded site of TestTheSeededSite outlives a single test.
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def no_admin_password_from_environment(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def per_locale(queryset) -> dict[str, int]:
    return dict(
        queryset.values_list("locale__language_code").annotate(count=Count("id")).order_by()
    )


def pages_per_locale() -> dict[str, int]:
    return per_locale(Page.objects.filter(depth__gt=1))


def snapshot() -> dict:
    return {
        "pages": pages_per_locale(),
        "articles": per_locale(NewsPage.objects.all()),
        "categories": per_locale(NewsCategory.objects.all()),
        "authors": Author.objects.count(),
        "tags": Tag.objects.count(),
        "tagged articles": NewsPageTag.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "menus": Menu.objects.count(),
        "menu items": MenuItem.objects.count(),
        "footer texts": FooterText.objects.count(),
        "sites": Site.objects.count(),
        "redirects": Redirect.objects.count(),
        "events": per_locale(EventPage.objects.all()),
        "event series": per_locale(EventSeries.objects.all()),
        "speakers": Speaker.objects.count(),
        "ticket types": TicketType.objects.count(),
        "sessions": EventSession.objects.count(),
    }


def newest_first(articles) -> list:
    return sorted(articles, key=lambda article: article.date, reverse=True)


def test_running_twice_leaves_the_same_content_and_publishes_nothing_new():
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    assert first["pages"] == {"en": 30, "sr-latn": 7, "sr": 7}
    assert first["articles"] == {"en": 12, "sr-latn": 3, "sr": 3}
    assert first["categories"] == {"en": 4, "sr-latn": 4, "sr": 4}
    assert first["authors"] == 3
    assert first["events"] == {"en": 6}
    assert first["event series"] == {"en": 5, "sr-latn": 5, "sr": 5}
    assert (first["speakers"], first["ticket types"], first["sessions"]) == (3, 6, 10)
    assert first["tags"] == len({tag for article in news.ARTICLES for tag in article.tags})
    assert first["images"] == 9
    # Translations get their own slugs from the start: no redirects from drafts' addresses.
    assert first["redirects"] == 0
    assert "Pages: 0 created, 0 updated, 44 unchanged." in output
    assert "nothing changed" in output


@pytest.fixture(scope="class")
def seeded_site(django_db_setup, django_db_blocker, media_root):
    """One run of the command for a class of tests that only read what it wrote. Each test
    runs in a savepoint inside this transaction, which is rolled back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded_site")
class TestTheSeededSite:
    def test_replaces_the_wagtail_welcome_page_with_the_home_page_of_the_default_site(self):
        assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.site_name) == (
            "localhost",
            80,
            "Serbian Cluster Association",
        )
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert home.locale.language_code == "en"
        assert home.hero_image is not None
        assert home.hero_cta_page.slug == "membership"

    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("/", "working as one network"),
            ("/", "Days of Clusters returns to Niš in October"),
            ("/about/", "Autocluster Serbia"),
            ("/about/", "Niš Cluster of Advanced Technologies – NiCAT"),
            ("/membership/", "Network membership is free"),
            ("/serbia-innovates/", "April 2022 – June 2023"),
            ("/serbia-innovates/", "Web3 and blockchain"),
            ("/serbia-innovates/medtech-biotech/", "HealthTech"),
            ("/news/", "Days of Clusters returns to Niš in October"),
            ("/news/automotive-cluster-of-serbia/", "8,100"),
            ("/news/serbia-innovates-pilot-superclusters/", "April 2022 to June 2023"),
            ("/sr-latn/", "Klasteri Srbije, povezani u jednu mrežu"),
            ("/sr-latn/o-nama/", "Autoklaster Srbije"),
            ("/sr/", "Кластери Србије, повезани у једну мрежу"),
            ("/sr/o-nama/", "Аутокластер Србије"),
            ("/sr/vesti/osnovana-srpska-klasterska-asocijacija/", "Аутокластер Србије"),
        ],
    )
    def test_pages_are_served_with_their_content(self, client, url, expected):
        response = client.get(url)

        assert response.status_code == 200
        assert expected in response.content.decode()

    def test_the_main_menu_exists_in_every_language_and_links_translated_pages(self):
        menus = {
            menu.locale.language_code: menu
            for menu in Menu.objects.filter(handle=Menu.Handle.MAIN).select_related("locale")
        }
        assert set(menus) == {"en", "sr-latn", "sr"}
        assert len({menu.translation_key for menu in menus.values()}) == 1
        for menu in menus.values():
            assert menu.items.count() == 7

        first_latin = menus["sr-latn"].items.order_by("sort_order").first()
        assert first_latin.link_text == "O nama"
        assert first_latin.link_page.locale.language_code == "sr-latn"
        first_cyrillic = menus["sr"].items.order_by("sort_order").first()
        assert first_cyrillic.link_text == "О нама"
        assert first_cyrillic.link_page.locale.language_code == "sr"
        news_latin = menus["sr-latn"].items.get(link_text="Vesti")
        assert news_latin.link_page.url_path == "/home-sr-latn/vesti/"

    def test_serbian_pages_are_translations_of_the_english_ones(self):
        about = StandardPage.objects.get(locale__language_code="en", slug="about")
        latin = about.get_translation_or_none(Locale.objects.get(language_code="sr-latn"))
        assert latin is not None and latin.live
        assert latin.slug == "o-nama"
        assert latin.get_parent().specific.title == "Srpska klasterska asocijacija"

    def test_the_news_index_lists_every_article_newest_first(self, client):
        response = client.get("/news/")

        assert response.status_code == 200
        assert isinstance(response.context["page"], NewsIndexPage)
        listed = list(response.context["articles"])
        assert [article.title for article in listed] == [
            article.title for article in newest_first(news.ARTICLES)
        ]
        assert all(article.lead_image_id for article in listed)

    def test_the_category_filter_shows_only_the_articles_of_that_category(self, client):
        response = client.get("/news/?category=calls-and-funding")

        assert response.status_code == 200
        titles = {article.title for article in response.context["articles"]}
        assert titles == {
            article.title for article in news.ARTICLES if "calls-and-funding" in article.categories
        }
        assert len(titles) == 3

    @pytest.mark.parametrize(
        ("code", "url"), [("sr-latn", "/sr-latn/vesti/"), ("sr", "/sr/vesti/")]
    )
    def test_the_serbian_news_indexes_list_the_translated_articles(self, client, code, url):
        response = client.get(url)

        assert response.status_code == 200
        listed = list(response.context["articles"])
        assert {article.title for article in listed} == {
            texts["title"] for texts in news.TRANSLATIONS[code].values()
        }
        english_locale = Locale.objects.get(language_code="en")
        for article in listed:
            categories = list(article.categories.all())
            english = article.get_translation(english_locale)
            assert {category.locale.language_code for category in categories} == {code}
            assert {category.translation_key for category in categories} == {
                category.translation_key for category in english.categories.all()
            }

    @pytest.mark.parametrize(
        ("code", "url", "name"),
        [
            ("sr-latn", "/sr-latn/vesti/?category=events", "Događaji"),
            ("sr", "/sr/vesti/?category=events", "Догађаји"),
        ],
    )
    def test_the_serbian_category_filter_uses_the_translated_category(
        self, client, code, url, name
    ):
        response = client.get(url)

        assert response.status_code == 200
        assert response.context["filters"].category.name == name
        assert {article.title for article in response.context["articles"]} == {
            news.TRANSLATIONS[code][slug]["title"]
            for slug in ("balkan-cluster-day-nis-2016", "days-of-clusters-nis-2026")
        }

    def test_an_article_page_shows_its_lead_image_and_authors(self, client):
        response = client.get("/news/balkan-cluster-day-nis-2016/")

        assert response.status_code == 200
        html = response.content.decode()
        lead_image = response.context["page"].lead_image
        assert lead_image.title == "Demo: Balkan Cluster Day"
        assert 'class="article__lead-image"' in html
        assert lead_image.get_rendition("width-960").url in html
        assert "Events team" in html

    def test_the_rss_feed_lists_the_articles_newest_first(self, client):
        response = client.get("/news/feed/")

        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        titles = [item.findtext("title") for item in channel.findall("item")]
        assert titles == [article.title for article in newest_first(news.ARTICLES)[:FEED_LENGTH]]
        assert len(titles) == 12


def make_the_previous_version() -> StandardPage:
    """The database the previous seed_demo left behind: /news/ a StandardPage placeholder that
    the main menus link to; no news index, articles, categories or authors."""
    seed()
    for index in NewsIndexPage.objects.all():
        index.delete()
    NewsCategory.objects.all().delete()
    Author.objects.all().delete()
    home = HomePage.objects.get(locale__language_code="en")
    placeholder = StandardPage(
        title="News",
        slug="news",
        intro="This section is still being built, so there are no articles yet.",
    )
    home.add_child(instance=placeholder)
    placeholder.save_revision().publish()
    for menu in Menu.objects.filter(handle=Menu.Handle.MAIN):
        items = list(menu.items.all())
        items.insert(3, MenuItem(link_page=placeholder, link_text="News"))
        menu.items = items
        menu.save()
    return placeholder


def test_a_rerun_replaces_the_news_placeholder_of_the_previous_version(client):
    placeholder = make_the_previous_version()
    assert client.get("/news/").context["page"].pk == placeholder.pk

    seed()

    assert not StandardPage.objects.filter(slug="news").exists()
    response = client.get("/news/")
    assert response.status_code == 200
    index = response.context["page"]
    assert isinstance(index, NewsIndexPage)
    assert len(response.context["articles"]) == 12
    assert '<a href="/news/" aria-current="page">News</a>' in response.content.decode()
    for menu in Menu.objects.filter(handle=Menu.Handle.MAIN).select_related("locale"):
        links = [item.link_page_id for item in menu.items.order_by("sort_order")]
        assert links[3] == index.get_translation(menu.locale).pk, menu.locale
    assert snapshot()["articles"] == {"en": 12, "sr-latn": 3, "sr": 3}
    assert "Pages: 0 created, 0 updated, 44 unchanged." in seed()


def test_no_demo_admin_when_debug_is_off(settings):
    settings.DEBUG = False

    output = seed()

    assert not get_user_model().objects.filter(username="admin").exists()
    assert "Demo admin account skipped" in output


def test_demo_admin_can_log_in_when_debug_is_on(settings, client):
    settings.DEBUG = True

    output = seed()
    seed()

    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.email == "admin@example.org"
    assert client.login(username="admin", password="demo-admin-2026")
    assert "as admin@example.org with the password demo-admin-2026" in output


def test_a_weak_demo_admin_password_stops_the_command_before_anything_is_written(
    settings, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "short")
    before = pages_per_locale()

    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        seed()

    assert pages_per_locale() == before
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_page_updates_only_what_changed_and_replaces_a_page_of_another_type():
    seed()
    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPage.objects.get(slug="about", locale=home.locale)
    revisions = Revision.objects.count()

    page, status = ensure_page(home, "about", StandardPage, title=about.title, intro=about.intro)
    assert (page.pk, status, Revision.objects.count()) == (about.pk, UNCHANGED, revisions)

    page, status = ensure_page(home, "about", StandardPage, title="Who we are")
    assert (page.pk, status, Revision.objects.count()) == (about.pk, UPDATED, revisions + 1)
    assert StandardPage.objects.get(pk=about.pk).title == "Who we are"

    page, status = ensure_page(
        home, "about", HomePage, title="About", hero_heading="About the network"
    )
    assert status == CREATED
    assert isinstance(page, HomePage) and page.live
    assert not StandardPage.objects.filter(pk=about.pk).exists()
    assert home.get_children().filter(slug="about").count() == 1


def test_ensure_page_compares_an_articles_categories_and_tags_and_replaces_them():
    seed()
    article = NewsPage.objects.get(slug="balkan-cluster-day-nis-2016")
    index = article.get_parent()
    revisions = Revision.objects.count()

    page, status = ensure_page(
        index,
        article.slug,
        NewsPage,
        categories=list(article.categories.all()),
        tags=["network", "balkan", "nis"],
    )
    assert (page.pk, status, Revision.objects.count()) == (article.pk, UNCHANGED, revisions)

    calls = NewsCategory.objects.get(slug="calls-and-funding", locale=article.locale)
    page, status = ensure_page(index, article.slug, NewsPage, categories=[calls], tags=["nis"])
    assert (page.pk, status) == (article.pk, UPDATED)
    article = NewsPage.objects.get(pk=article.pk)
    assert list(article.categories.all()) == [calls]
    assert [tag.name for tag in article.tags.all()] == ["nis"]
