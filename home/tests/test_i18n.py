import re

import pytest
from wagtail.models import Page

from home.models import SiteSettings
from home.views import AllLanguagesSitemap
from tests.factories import StandardPageFactory, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_site(home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    home_latn = translate_page(home_page, "sr-latn", title="Početna", hero_heading="Klasteri")
    home_cyrl = translate_page(home_page, "sr", title="Почетна", hero_heading="Кластери")
    about_latn = translate_page(about, "sr-latn", title="O nama", slug="o-nama")
    # Publishing "O nama" wrote its Cyrillic twin (twins/); "Contact" has no translation.
    contact = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    return {
        "home": home_page,
        "about": about,
        "contact": contact,
        "home_latn": home_latn,
        "home_cyrl": home_cyrl,
        "about_latn": about_latn,
    }


def test_each_language_has_its_home_page(client, translated_site):
    assert "Klasteri" in client.get("/sr-latn/").content.decode()
    assert "Кластери" in client.get("/sr/").content.decode()
    english = client.get("/").content.decode()
    assert translated_site["home"].hero_heading in english
    assert '<html lang="en"' in english


def test_interface_strings_follow_the_language(client, translated_site):
    content = client.get("/sr-latn/").content.decode()

    assert '<html lang="sr-latn"' in content
    assert "Pređi na glavni sadržaj" in content


def test_switcher_keeps_the_reader_on_the_same_page(client, translated_site):
    content = client.get("/about/").content.decode()

    assert 'href="/sr-latn/o-nama/" lang="sr-latn"' in content


def test_switcher_falls_back_to_the_language_home_without_translation(client, translated_site):
    content = client.get("/contact/").content.decode()

    # No translation of Contact: the switcher offers each language's home page.
    assert 'href="/sr/" lang="sr"' in content
    assert 'href="/sr-latn/" lang="sr-latn"' in content


def test_hreflang_alternates_list_existing_translations_only(client, translated_site):
    content = client.get("/about/").content.decode()

    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', content)
    )
    assert alternates == {
        "en": "http://testserver/about/",
        "sr-latn": "http://testserver/sr-latn/o-nama/",
        "sr": "http://testserver/sr/o-nama/",
        "x-default": "http://testserver/about/",
    }
    contact = client.get("/contact/").content.decode()
    assert re.findall(r'<link rel="alternate" hreflang="([^"]+)"', contact) == ["en", "x-default"]


def test_sitemap_lists_every_language(client, translated_site):
    content = client.get("/sitemap-pages.xml").content.decode()

    assert "<loc>http://testserver/about/</loc>" in content
    assert "<loc>http://testserver/sr-latn/o-nama/</loc>" in content
    assert "<loc>http://testserver/sr/</loc>" in content


def test_robots_txt_points_to_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_sitemap_shows_a_newly_published_page(client, translated_site):
    client.get("/sitemap-pages.xml")
    StandardPageFactory(parent=translated_site["home"], title="Fresh page")

    content = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/fresh-page/</loc>" in content


def test_sitemap_part_past_the_end_or_an_unknown_section_is_404(client, translated_site):
    assert client.get("/sitemap-pages.xml", {"p": "99"}).status_code == 404
    assert client.get("/sitemap-pages.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


def test_the_sitemap_index_names_every_part_in_order_and_each_page_is_in_one(
    client, translated_site, monkeypatch
):
    # Three addresses a part instead of 1,000: the few pages here make several parts.
    monkeypatch.setattr(AllLanguagesSitemap, "limit", 3)
    for number in range(5):
        StandardPageFactory(parent=translated_site["home"], title=f"Listed page {number}")
    listed = Page.objects.live().public().filter(depth__gt=1).count()

    index = client.get("/sitemap.xml").content.decode()

    parts = re.findall(r"<loc>([^<]+)</loc>", index)
    assert parts[0] == "http://testserver/sitemap-pages.xml"
    assert parts[1:] == [
        f"http://testserver/sitemap-pages.xml?p={n}" for n in range(2, len(parts) + 1)
    ]
    assert len(parts) == -(-listed // 3)
    locations = []
    for part in parts:
        content = client.get(part.removeprefix("http://testserver")).content.decode()
        locations += re.findall(r"<url><loc>([^<]+)</loc>", content)
    assert len(locations) == len(set(locations)) == listed
    assert "http://testserver/listed-page-4/" in locations


def test_the_site_name_is_in_the_readers_language_and_script(client, translated_site):
    SiteSettings.objects.update_or_create(
        defaults={
            "organisation_name": "Serbian Cluster Association",
            "organisation_name_sr": "Srpska klasterska asocijacija",
        }
    )

    for prefix, name in [
        ("", "Serbian Cluster Association"),
        ("/sr-latn", "Srpska klasterska asocijacija"),
        ("/sr", "Српска кластерска асоцијација"),
    ]:
        content = client.get(f"{prefix}/").content.decode()
        assert f"{name}</title>" in content
        assert f'<meta property="og:site_name" content="{name}">' in content


@pytest.mark.parametrize(
    ("prefix", "right", "wrong"),
    [("/sr-latn", "prijavite", "projavite"), ("/sr", "пријавите", "пројавите")],
)
def test_the_sign_up_page_asks_to_sign_in_without_the_librarys_typo(
    client, home_page, prefix, right, wrong
):
    """allauth's Serbian catalogues say "se projavite"; ours (first in LOCALE_PATHS) correct it."""
    text = client.get(f"{prefix}/accounts/signup/").content.decode()
    assert right in text
    assert wrong not in text
