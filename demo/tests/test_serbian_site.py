"""The demo site in three languages: every page exists in English, Serbian Latin and Serbian
Cyrillic (the Cyrillic as the Latin's twin), answers 200, and a Serbian page's menus link to
pages of its own language only. On the subset the tests seed, once for the module."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Page

from demo import news
from demo.event_seeder import event_specs
from demo.seeding import Scope
from demo.tests.snapshot import pages_per_locale, seed
from events.models import EventIndexPage, EventPage
from membership.models import ClusterDirectoryPage, Organisation
from news.models import NewsIndexPage, NewsPage
from twins.models import ScriptSettings
from twins.transliteration import to_cyrillic

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "sr-latn", "sr")
SERBIAN = ("sr-latn", "sr")
SUBSET = Scope(subset=True)


@pytest.fixture(scope="module")
def responses(django_db_setup, django_db_blocker, media_root):
    """Seed the subset once and fetch every live page of every language, and the routable
    sub-pages of the directory, the events and the news (the profiles, feeds and calendars):
    (language, address) -> (status, HTML)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed("--subset")
        client = Client()
        fetched = {}
        for code in LANGUAGES:
            for address in addresses(code):
                response = client.get(address)
                fetched[code, address] = (response.status_code, response.content.decode())
        yield fetched
        transaction.set_rollback(True)


def addresses(code: str) -> list[str]:
    pages = Page.objects.live().filter(locale__language_code=code, depth__gt=1).specific()
    found = []
    for page in pages:
        found.append(page.url)
        found += [page.url + sub for sub in _subpages(page)]
    return found


def _subpages(page: Page) -> list[str]:
    """The routable sub-pages of a page, relative to it."""
    if isinstance(page, ClusterDirectoryPage):
        organisations = Organisation.objects.filter(slug__in=["voict", "cluster-house"])
        return ["map.geojson", *(f"{organisation.slug}/" for organisation in organisations)]
    if isinstance(page, EventIndexPage):
        return ["feed.ics"]
    if isinstance(page, EventPage):
        return ["event.ics"]
    if isinstance(page, NewsIndexPage):
        return ["feed/"]
    return []


class MenuLinks(HTMLParser):
    """The addresses the menus (``<nav class="menu ...">``) of a page link to."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside a menu: how many nav elements deep
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav" and (self.depth or "menu" in (attributes.get("class") or "").split()):
            self.depth += 1
        elif tag == "a" and self.depth and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


def menu_links(html: str) -> list[str]:
    parser = MenuLinks()
    parser.feed(html)
    return parser.links


def test_every_page_answers_200_in_every_language(responses):
    failing = {key: status for key, (status, _html) in responses.items() if status != 200}

    assert failing == {}
    for code in LANGUAGES:
        assert any(key[0] == code for key in responses), code


def test_every_page_exists_in_the_three_languages(responses):
    counts = pages_per_locale()
    print(f"pages per locale (subset): {counts}")

    assert counts["en"] == counts["sr-latn"] == counts["sr"]


@pytest.mark.parametrize("code", SERBIAN)
def test_the_menus_of_a_serbian_page_link_to_pages_of_its_language(responses, code):
    own_prefix = f"/{code}/"
    pages = Page.objects.live().filter(locale__language_code=code, depth__gt=1)
    assert pages
    for page in pages:
        html = responses[code, page.url][1]
        links = menu_links(html)
        assert links, f"{page.url} has no menus"
        internal = [link for link in links if not re.match(r"^[a-z]+:", link)]
        # Every page and named address of a Serbian language lives below its prefix.
        assert [link for link in internal if not link.startswith(own_prefix)] == [], page.url


@pytest.mark.parametrize("code", SERBIAN)
def test_the_menus_link_to_the_pages_of_their_language(responses, code):
    """The menus hold the same pages in every language: each a translation of the English."""
    english = menu_links(responses["en", "/"][1])
    serbian_home = Page.objects.get(locale__language_code=code, depth=2).url
    serbian = menu_links(responses[code, serbian_home][1])

    assert len(serbian) == len(english)
    live = {page.url: page for page in Page.objects.live().filter(locale__language_code=code)}
    linked = [live[link] for link in serbian if link in live]
    assert linked and {page.locale.language_code for page in linked} == {code}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_newsletters_page_is_its_subscription_form_in_every_language(responses, code):
    """The menus' Infocluster link, its search result and its sitemap entry lead to the form
    to subscribe, not to a page announcing that subscriptions will open."""
    page = Page.objects.get(locale__language_code=code, slug="newsletter", depth=3)
    prefix = "" if code == "en" else f"/{code}"

    status, html = responses[code, page.url]
    found = Client().get(f"{prefix}/search/", {"q": "Infocluster"}).content.decode()
    sitemap = Client().get("/sitemap-pages.xml").content.decode()

    assert page.url == f"{prefix}/newsletter/"
    assert status == 200
    assert '<form method="post"' in html and 'name="email"' in html
    assert f'href="{page.url}"' in found
    assert f"{page.url}</loc>" in sitemap
    assert "/infocluster/</loc>" not in sitemap


def test_an_event_reads_in_serbian_in_both_scripts(responses):
    spec = next(spec for spec in event_specs(SUBSET, timezone.localdate()) if spec["sessions"])
    texts = spec["sr-latn"]
    latin = EventPage.objects.get(locale__language_code="sr-latn", slug=texts["slug"])
    cyrillic = latin.get_translation(Locale.objects.get(language_code="sr"))
    terms = ScriptSettings.load().terms()

    for code, page, convert in (
        ("sr-latn", latin, str),
        ("sr", cyrillic, lambda text: to_cyrillic(text, protected=terms)),
    ):
        html = unescape(responses[code, page.url][1])
        for text in (texts["title"], texts["venue_name"], texts["sessions"][0][0]):
            assert convert(text) in html, (code, text)


def test_a_serbian_article_is_tagged_in_its_own_language_and_script(responses):
    """The demo's Serbian articles carry Serbian tags, and their Cyrillic twins Cyrillic ones
    (no English tag on a Serbian page)."""
    english = {tag for article in news.ARTICLES for tag in article.tags}
    for code, expected in (("sr-latn", "izvoz"), ("sr", "извоз")):
        tagged = NewsPage.objects.filter(locale__language_code=code, tags__name=expected)
        assert tagged.exists(), code
        article = tagged.first()
        names = {tag.name for tag in article.tags.all()}
        assert not names & english - {"b2b"}, (code, names)
        assert f"#{expected}" in responses[code, article.url][1]
