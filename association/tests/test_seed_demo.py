"""``manage.py seed_demo``: the demo site a local run starts with, in three languages, and
running it again changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from association.management.commands.seed_demo import CREATED, UNCHANGED, UPDATED, ensure_page
from home.models import FooterText, HomePage, Menu, MenuItem, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def no_admin_password_from_environment(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def pages_per_locale() -> dict[str, int]:
    return dict(
        Page.objects.filter(depth__gt=1)
        .values_list("locale__language_code")
        .annotate(count=Count("id"))
        .order_by()
    )


def snapshot() -> dict:
    return {
        "pages": pages_per_locale(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "menus": Menu.objects.count(),
        "menu items": MenuItem.objects.count(),
        "footer texts": FooterText.objects.count(),
        "sites": Site.objects.count(),
        "redirects": Redirect.objects.count(),
    }


def test_running_twice_leaves_the_same_content_and_publishes_nothing_new():
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    assert first["pages"] == {"en": 12, "sr-latn": 2, "sr": 2}
    assert first["images"] == 4
    assert "Pages: 0 created, 0 updated, 16 unchanged." in output
    assert "nothing changed" in output


def test_replaces_the_wagtail_welcome_page_with_the_home_page_of_the_default_site():
    seed()

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


PAGES_AND_TEXTS = [
    ("/", "working as one network"),
    ("/about/", "Autocluster Serbia"),
    ("/about/", "Niš Cluster of Advanced Technologies – NiCAT"),
    ("/membership/", "Membership is free"),
    ("/serbia-innovates/", "April 2022 – June 2023"),
    ("/serbia-innovates/", "Web3 and blockchain"),
    ("/serbia-innovates/medtech-biotech/", "HealthTech"),
    ("/news/", "still being built"),
    ("/sr-latn/", "Klasteri Srbije, povezani u jednu mrežu"),
    ("/sr-latn/o-nama/", "Autoklaster Srbije"),
    ("/sr/", "Кластери Србије, повезани у једну мрежу"),
    ("/sr/o-nama/", "Аутокластер Србије"),
]


def test_pages_are_served_with_their_content(client):
    seed()

    for url, expected in PAGES_AND_TEXTS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def test_the_main_menu_exists_in_every_language_and_links_translated_pages():
    seed()

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


def test_serbian_pages_are_translations_of_the_english_ones():
    seed()

    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    latin = about.get_translation_or_none(Locale.objects.get(language_code="sr-latn"))
    assert latin is not None and latin.live
    assert latin.slug == "o-nama"
    assert latin.get_parent().specific.title == "Srpska klasterska asocijacija"


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
    assert "as admin with the password demo-admin-2026" in output


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
    news = StandardPage.objects.get(slug="news")
    revisions = Revision.objects.count()

    page, status = ensure_page(home, "news", StandardPage, title=news.title, intro=news.intro)
    assert (page.pk, status, Revision.objects.count()) == (news.pk, UNCHANGED, revisions)

    page, status = ensure_page(home, "news", StandardPage, title="Latest news")
    assert (page.pk, status, Revision.objects.count()) == (news.pk, UPDATED, revisions + 1)
    assert StandardPage.objects.get(pk=news.pk).title == "Latest news"

    page, status = ensure_page(
        home, "news", HomePage, title="News", hero_heading="News from the network"
    )
    assert status == CREATED
    assert isinstance(page, HomePage) and page.live
    assert not StandardPage.objects.filter(pk=news.pk).exists()
    assert home.get_children().filter(slug="news").count() == 1
