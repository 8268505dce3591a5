"""Every absolute link the site writes starts with its public address (PUBLIC_BASE_URL), in
every language: page metadata (canonical, OpenGraph, hreflang, JSON-LD), the sitemap,
robots.txt, the news feeds, the calendars and the Infocluster issue as mailed. The requests
come in on the test client's host (testserver) and the site was first migrated on another;
neither may show. The demo subset is seeded once for the module at the configured address."""

import json
import re
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Site

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage
from newsletter.models import Delivery
from newsletter.rendering import render_issue, rendering_for_reader
from newsletter.sending import build_message
from tests.factories import NewsletterIssueFactory

pytestmark = pytest.mark.django_db

BASE = "https://klasteri.example.org"
LANGUAGES = ["en", "sr-latn", "sr"]
# Hosts a link must never name: the test client's, Wagtail's first site's, make run's.
FOREIGN = ("testserver", "localhost", "127.0.0.1")


def assert_public(text: str) -> None:
    """``text`` links to the public base and to no other host of ours."""
    assert BASE in text
    for host in FOREIGN:
        assert host not in text, f"{host} in {text[:2000]}"


def path_of(page) -> str:
    return urlsplit(page.full_url).path


@pytest.fixture(scope="module", autouse=True)
def seeded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo subset seeded at the public address (``seed_demo`` points the default site at
    it), once for the module; rolled back afterwards."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(PUBLIC_BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE, MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--subset", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _live(model, language: str):
    return model.objects.live().filter(locale__language_code=language)


def test_the_default_site_is_at_the_public_address():
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port, site.root_url) == ("klasteri.example.org", 443, BASE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_news_article_names_its_public_address_in_its_metadata(client, language):
    article = _live(NewsPage, language).exclude(lead_image=None).first()

    content = client.get(path_of(article)).content.decode()

    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', content).group(1)
    assert canonical == f"{BASE}{path_of(article)}"
    assert re.search(r'<meta property="og:url" content="([^"]+)"', content).group(1) == canonical
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', content)
    assert og_image is not None and og_image.group(1).startswith(f"{BASE}/")
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', content)
    assert alternates and all(href.startswith(f"{BASE}/") for href in alternates)
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(json_ld)
    assert data["mainEntityOfPage"] == canonical
    assert all(url.startswith(f"{BASE}/") for url in data["image"])
    assert_public(content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_event_page_and_its_calendar_name_its_public_address(client, language):
    event = _live(EventPage, language).first()

    content = client.get(path_of(event)).content.decode()
    ics = client.get(f"{path_of(event)}event.ics").content.decode()

    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', content).group(1)
    assert canonical == f"{BASE}{path_of(event)}"
    [json_ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert json.loads(json_ld)["url"] == canonical
    assert_public(content)
    assert f"URL:{canonical}" in ics.replace("\r\n ", "")
    assert "@klasteri.example.org" in ics  # the UID's domain
    assert_public(ics.replace("\r\n ", ""))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_events_calendar_feed_links_to_the_public_address(client, language):
    index = _live(EventIndexPage, language).first()

    ics = client.get(f"{path_of(index)}feed.ics").content.decode().replace("\r\n ", "")

    urls = re.findall(r"^URL:(\S+)", ics, re.M)
    assert urls and all(url.startswith(f"{BASE}{path_of(index)}") for url in urls)
    assert_public(ics)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", ["feed/", "feed/atom/"])
def test_the_news_feeds_link_to_the_public_address(client, language, feed):
    index = _live(NewsIndexPage, language).first()

    content = client.get(f"{path_of(index)}{feed}").content.decode()

    root = ET.fromstring(content)
    links = [
        element.text or element.get("href") or element.get("url") or ""
        for element in root.iter()
        if element.tag.rsplit("}", 1)[-1] in ("link", "id", "enclosure")
    ]
    assert len(links) > 3
    assert all(link.startswith(f"{BASE}/") for link in links), links
    assert_public(content)


def test_the_sitemap_lists_every_language_at_the_public_address(client):
    index = client.get("/sitemap.xml").content.decode()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    parts = [loc.text for loc in ET.fromstring(index).findall("s:sitemap/s:loc", namespace)]
    assert parts == [f"{BASE}/sitemap-pages.xml"]
    assert_public(index)

    content = client.get("/sitemap-pages.xml").content.decode()

    locations = [loc.text for loc in ET.fromstring(content).findall("s:url/s:loc", namespace)]
    assert all(location.startswith(f"{BASE}/") for location in locations)
    for prefix in ("/sr-latn/", "/sr/"):
        assert any(location.startswith(f"{BASE}{prefix}") for location in locations)
    assert f"{BASE}/about/" in locations
    assert_public(content)


def test_robots_txt_points_to_the_sitemap_at_the_public_address(client):
    content = client.get("/robots.txt").content.decode()

    assert f"Sitemap: {BASE}/sitemap.xml" in content
    assert_public(content)


@pytest.mark.parametrize(
    ("issue_language", "reader"), [("en", "en"), ("sr-latn", "sr-latn"), ("sr-latn", "sr")]
)
def test_an_infocluster_issue_as_mailed_links_to_the_public_address(issue_language, reader):
    issue = NewsletterIssueFactory(
        language=issue_language,
        body=[("text", '<p>Read <a href="/news/">the news</a>.</p>')],
    )
    delivery = Delivery.objects.create(issue=issue, email="reader@example.net", name="Ana")
    rendered = rendering_for_reader(issue, render_issue(issue), reader)

    message = build_message(issue, rendered, delivery, "<probe@example.net>", language=reader)

    raw = message.message().as_string()
    html = message.alternatives[0][0]
    assert f'href="{BASE}/news/"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert re.search(rf"<{re.escape(BASE)}/(sr-latn/|sr/)?newsletter/unsubscribe/\S+>", unsubscribe)
    assert_public(unsubscribe)
    assert_public(message.body)
    assert_public(html)
    for host in FOREIGN:
        assert f"@{host}" not in raw
    assert "@" in message.from_email and "localhost" not in message.from_email
