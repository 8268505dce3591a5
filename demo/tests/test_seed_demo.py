"""``manage.py seed_demo --subset``: the demo site a local run starts with, in three
languages, with its news, and running it again changes nothing; on the subset the tests seed
(every page, a few articles, organisations and events), once for the module. The whole site
is seeded by test_seed_demo_full.py."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, Site

from demo import content, news
from demo.event_seeder import event_specs
from demo.events import SERIES, SPEAKERS
from demo.images import DEMO_IMAGES
from demo.news_seeder import articles, translations
from demo.people import PEOPLE
from demo.seeding import CREATED, UNCHANGED, UPDATED, Scope, ensure_page
from demo.tests.snapshot import pages_per_locale, seed, snapshot, tag_count
from home.models import HomePage, Menu, MenuItem, StandardPage
from news.feeds import FEED_LENGTH
from news.models import Author, NewsCategory, NewsIndexPage, NewsPage
from twins.models import ScriptSettings
from twins.transliteration import to_cyrillic

pytestmark = pytest.mark.django_db

SUBSET = Scope(subset=True)
# What the subset holds, from the data modules.
ARTICLES = articles(SUBSET)
TRANSLATIONS = translations(SUBSET)


def seed_subset() -> str:
    return seed("--subset")


def newest_first(articles) -> list:
    return sorted(articles, key=lambda article: article.date, reverse=True)


def tree_size(nodes: list[dict]) -> int:
    return sum(1 + tree_size(node.get("children", [])) for node in nodes)


def expected_articles_per_locale() -> dict[str, int]:
    """The English articles; their Serbian Latin translations, and as many Cyrillic twins."""
    latin = len(TRANSLATIONS["sr-latn"])
    return {"en": len(ARTICLES), "sr-latn": latin, "sr": latin}


def expected_pages_per_locale() -> dict[str, int]:
    """The home page, the tree of demo.content, the articles and the events in English; the
    translated pages, articles and events in Serbian Latin, and their Cyrillic twins."""
    events = event_specs(SUBSET, timezone.localdate())
    english = 1 + tree_size(content.PAGES) + len(ARTICLES) + len(events)
    translated_events = sum(1 for spec in events if "sr-latn" in spec)
    latin = len(content.TRANSLATIONS["sr-latn"]) + len(TRANSLATIONS["sr-latn"]) + translated_events
    return {"en": english, "sr-latn": latin, "sr": latin}


def titles_in(code: str, slugs=None) -> set[str]:
    """The titles of the translated articles (of these English slugs) in ``code``: the
    Cyrillic ones are the twins' transliteration of the Latin ones."""
    terms = ScriptSettings.load().terms()
    return {
        to_cyrillic(texts["title"], protected=terms) if code == "sr" else texts["title"]
        for slug, texts in TRANSLATIONS["sr-latn"].items()
        if slugs is None or slug in slugs
    }


@pytest.fixture(scope="module", autouse=True)
def seeded_site(django_db_setup, django_db_blocker, media_root):
    """One run of the command for the module. Each test runs in a savepoint inside this
    transaction, so what a test changes is gone before the next one; the transaction is
    rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_subset()
        yield
        transaction.set_rollback(True)


def test_running_again_leaves_the_same_content_and_publishes_nothing_new():
    first = snapshot()
    events = event_specs(SUBSET, timezone.localdate())

    output = seed_subset()

    assert snapshot() == first
    assert first["pages"] == expected_pages_per_locale()
    assert first["articles"] == expected_articles_per_locale()
    assert first["categories"] == {code: len(news.CATEGORIES) for code in ("en", "sr-latn", "sr")}
    assert first["authors"] == len(news.AUTHORS)
    translated = sum(1 for spec in events if "sr-latn" in spec)
    assert first["events"] == {"en": len(events), "sr-latn": translated, "sr": translated}
    assert first["event series"] == {code: len(SERIES) for code in ("en", "sr-latn", "sr")}
    # A translated event has its own copies of its ticket types and agenda in each script.
    copies = [3 if "sr-latn" in spec else 1 for spec in events]
    assert (first["speakers"], first["ticket types"], first["sessions"]) == (
        len(SPEAKERS),
        sum(len(spec["tickets"]) * n for spec, n in zip(events, copies, strict=True)),
        sum(len(spec["sessions"]) * n for spec, n in zip(events, copies, strict=True)),
    )
    assert first["tags"] == tag_count(SUBSET)
    assert first["images"] == len(DEMO_IMAGES)
    # Translations get their own slugs from the start: no redirects from drafts' addresses.
    assert first["redirects"] == 0
    # The Vojvodina ICT Cluster has three people: its admin and two members.
    assert first["organisation people"] == len(PEOPLE)
    assert "People: 0 created, 3 unchanged" in output
    pages = sum(first["pages"].values())
    assert f"Pages: 0 created, 0 updated, {pages} unchanged." in output
    assert "nothing changed" in output


class TestTheSeededSite:
    def test_replaces_the_wagtail_welcome_page_with_the_home_page_of_the_default_site(self):
        assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
        site = Site.objects.get(is_default_site=True)
        # At the public address (PUBLIC_BASE_URL, the test client's in the tests).
        assert (site.hostname, site.port, site.site_name) == (
            "testserver",
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
            ("/membership/", "Network membership: free. Partner membership: 120 EUR a year."),
            ("/sr-latn/clanstvo/", "Članstvo u mreži"),
            ("/clusters/cluster-house/", 'href="http://www.clusterhouse.rs"'),
            ("/clusters/cluster-house/", '<time datetime="2011">2011</time>'),
            ("/clusters/ac-serbia/", '<time datetime="2005-11">November 2005</time>'),
            ("/clusters/voict/", '<time datetime="2010-07-12">July 12, 2010</time>'),
            ("/clusters/voict/", "Creative industries, Digital industries"),
            ("/clusters/voict/", "Periodic information dissemination"),
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

    @pytest.mark.parametrize("url", ["/membership/", "/sr-latn/clanstvo/", "/sr/clanstvo/"])
    def test_the_membership_page_calls_free_only_the_free_level(self, client, url):
        """A paid level is listed, so no text may say that membership as such is free."""
        page = client.get(url).content.decode().lower()

        assert "120 eur" in page
        for free in ("membership is free", "članstvo je besplatno", "чланство је бесплатно"):
            assert free not in page.replace("network membership is free", ""), free

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
            article.title for article in newest_first(ARTICLES)
        ]
        assert all(article.lead_image_id for article in listed)

    def test_the_category_filter_shows_only_the_articles_of_that_category(self, client):
        response = client.get("/news/?category=calls-and-funding")

        assert response.status_code == 200
        titles = {article.title for article in response.context["articles"]}
        assert titles == {
            article.title for article in ARTICLES if "calls-and-funding" in article.categories
        }
        assert 0 < len(titles) < len(ARTICLES)

    @pytest.mark.parametrize(
        ("code", "url"), [("sr-latn", "/sr-latn/vesti/"), ("sr", "/sr/vesti/")]
    )
    def test_the_serbian_news_indexes_list_the_translated_articles(self, client, code, url):
        response = client.get(url)

        assert response.status_code == 200
        listed = list(response.context["articles"])
        assert {article.title for article in listed} == titles_in(code)
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
        categories = {article.slug: article.categories for article in ARTICLES}
        events = {slug for slug, names in categories.items() if "events" in names}
        assert {article.title for article in response.context["articles"]} == titles_in(
            code, events
        )

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
        assert titles == [article.title for article in newest_first(ARTICLES)[:FEED_LENGTH]]
        assert len(titles) == min(FEED_LENGTH, len(ARTICLES))


def make_the_previous_version() -> StandardPage:
    """The database the previous seed_demo left behind: /news/ a StandardPage placeholder that
    the main menus link to; no news index, articles, categories or authors."""
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

    seed_subset()

    assert not StandardPage.objects.filter(slug="news").exists()
    response = client.get("/news/")
    assert response.status_code == 200
    index = response.context["page"]
    assert isinstance(index, NewsIndexPage)
    assert len(response.context["articles"]) == len(ARTICLES)
    assert '<a href="/news/" aria-current="page">News</a>' in response.content.decode()
    for menu in Menu.objects.filter(handle=Menu.Handle.MAIN).select_related("locale"):
        links = [item.link_page_id for item in menu.items.order_by("sort_order")]
        assert links[3] == index.get_translation(menu.locale).pk, menu.locale
    assert snapshot()["articles"] == expected_articles_per_locale()
    pages = sum(expected_pages_per_locale().values())
    assert f"Pages: 0 created, 0 updated, {pages} unchanged." in seed_subset()


def test_no_demo_admin_when_debug_is_off(settings):
    settings.DEBUG = False

    output = seed_subset()

    assert not get_user_model().objects.filter(username="admin").exists()
    assert "Demo admin account skipped" in output


def test_demo_admin_can_log_in_when_debug_is_on(settings, client):
    settings.DEBUG = True

    output = seed_subset()
    seed_subset()

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
        seed_subset()

    assert pages_per_locale() == before
    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_page_updates_only_what_changed_and_replaces_a_page_of_another_type():
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
