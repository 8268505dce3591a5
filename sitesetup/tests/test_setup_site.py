"""``manage.py setup_site`` on the test database as migrate left it (Wagtail's welcome page,
no site content): the URL map in three languages, menus within their language, no demo
content, a second run that changes nothing, and bad input that writes nothing."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from events.models import EventPage
from home.models import FooterText, HomePage, Menu, SiteSettings, StandardPage
from membership.models import MembershipLevel, Organisation
from news.models import NewsPage
from newsletter.models import Audience, Subscriber
from sitesetup.roles import ROLE_NAMES
from sitesetup.tests.fresh_site_probe import (
    PREFIXES,
    links_outside_language,
    nav_links,
    public_urls,
)
from twins.models import ScriptSettings

pytestmark = pytest.mark.django_db

ARGS = {
    "name": "Cluster Association of Serbia",
    "name_sr_latn": "Klaster asocijacija Srbije",
    "contact_email": "office@example.org",
    "staff_email": "admin@example.org",
}


def setup_site(**overrides):
    options = {**ARGS, **overrides}
    call_command("setup_site", no_input=True, **{k: v for k, v in options.items() if v})


@pytest.fixture
def site_set_up(db):
    setup_site()


@pytest.mark.sqlite
def test_every_public_url_of_the_map_answers_in_three_languages(site_set_up, client):
    answers = {url: client.get(url).status_code for _code, url in public_urls()}

    assert set(answers.values()) == {200}, {u: s for u, s in answers.items() if s != 200}
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/sitemap-pages.xml").status_code == 200
    home = client.get("/").content.decode()
    assert "Welcome to your new Wagtail site" not in home
    assert "Cluster Association of Serbia" in home


def test_the_serbian_names_and_the_cyrillic_twins(site_set_up, client):
    assert "Klaster asocijacija Srbije" in client.get("/sr-latn/").content.decode()
    assert "Кластер асоцијација Србије" in client.get("/sr/").content.decode()
    assert "О нама" in client.get("/sr/o-nama/").content.decode()
    assert SiteSettings.load().name_for("sr") == "Кластер асоцијација Србије"


def test_menus_link_only_within_their_language(site_set_up, client):
    for menu in Menu.objects.select_related("locale"):
        for item in menu.items.all():
            if item.link_page_id:
                assert item.link_page.locale_id == menu.locale_id, (menu, item.link_page)
    for code, prefix in PREFIXES.items():
        links = nav_links(client.get(prefix).content.decode())
        assert len(links) >= 6, (code, links)
        assert links_outside_language(code, links) == [], code
    assert Menu.objects.count() == 6


def test_no_demo_content_and_the_free_level_the_membership_page_speaks_of(site_set_up, client):
    assert Organisation.objects.count() == 0
    assert NewsPage.objects.count() == 0
    assert EventPage.objects.count() == 0
    assert Subscriber.objects.count() == 0
    levels = MembershipLevel.objects.all()
    assert levels.count() == 3 and all(level.is_free for level in levels)
    page = client.get("/membership/").content.decode()
    assert "Network membership" in page and "free" in page
    assert "Članstvo u mreži" in client.get("/sr-latn/clanstvo/").content.decode()
    assert Audience.objects.filter(include_subscribers=True).count() == 1
    assert FooterText.objects.count() == 3
    assert "office@example.org" in client.get("/").content.decode()


def test_the_roles_and_the_first_staff_member_invited_as_superuser(site_set_up):
    user = get_user_model().objects.get(email="admin@example.org")

    assert set(Group.objects.filter(name__in=ROLE_NAMES).values_list("name", flat=True)) == set(
        ROLE_NAMES
    )
    assert user.is_superuser and not user.has_usable_password()
    assert not EmailAddress.objects.get(user=user).verified


@pytest.mark.sqlite
def test_a_second_run_changes_nothing_staff_edited(site_set_up, client):
    about = Page.objects.get(slug="about").specific
    about.title = "Who we are"
    about.save_revision().publish()
    pages, revisions = Page.objects.count(), about.revisions.count()
    settings_row = SiteSettings.load()
    settings_row.email = "staff@example.org"
    settings_row.save()

    setup_site(name="Another name", contact_email="other@example.org")

    assert Page.objects.count() == pages
    about.refresh_from_db()
    assert about.title == "Who we are" and about.revisions.count() == revisions
    assert SiteSettings.load().email == "staff@example.org"
    assert "Who we are" in client.get("/").content.decode()
    assert get_user_model().objects.filter(email="admin@example.org").count() == 1


def test_a_cyrillic_name_may_keep_latin_words(db, client):
    setup_site(name_sr_latn="ICT klaster Srbije", name_sr="ICT кластер Србије")

    assert "ICT" in ScriptSettings.load().terms()
    assert HomePage.objects.get(locale__language_code="sr").title == "ICT кластер Србије"


def _nothing_written():
    return (
        HomePage.objects.count() == 0
        and not Group.objects.filter(name__in=ROLE_NAMES[1:]).exists()
        and Menu.objects.count() == 0
        and not get_user_model().objects.filter(email="admin@example.org").exists()
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contact_email": "not-an-address"}, "--contact-email is not an e-mail address"),
        ({"staff_email": "admin@@example"}, "--staff-email is not an e-mail address"),
        ({"base_url": "https://other.example.org"}, "differs from PUBLIC_BASE_URL"),
        ({"base_url": "ftp://testserver/x"}, "--base-url: PUBLIC_BASE_URL must be"),
        ({"name_sr_latn": "Кластер"}, "--name-sr-latn must be in Latin script"),
        ({"name_sr": "Нешто друго"}, "is not the Latin name"),
        ({"name": "x" * 256}, "at most 255 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_writes_nothing(db, overrides, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        setup_site(**overrides)

    assert _nothing_written()


def test_a_missing_value_names_the_option_and_the_variable(db, monkeypatch):
    monkeypatch.delenv("SETUP_STAFF_EMAIL", raising=False)
    with pytest.raises(CommandError, match=r"--staff-email \(or the environment variable "):
        call_command(
            "setup_site",
            no_input=True,
            name="A",
            name_sr_latn="B",
            contact_email="office@example.org",
        )
    assert _nothing_written()


def test_values_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("SETUP_SITE_NAME", "Env Association")
    monkeypatch.setenv("SETUP_SITE_NAME_SR_LATN", "Env asocijacija")
    monkeypatch.setenv("SETUP_CONTACT_EMAIL", "office@example.org")
    monkeypatch.setenv("SETUP_STAFF_EMAIL", "admin@example.org")

    call_command("setup_site", no_input=True)

    assert HomePage.objects.get(locale__language_code="en").title == "Env Association"
    assert HomePage.objects.get(locale__language_code="sr").title == "Енв асоцијација"


def test_a_database_with_another_site_is_refused(db):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.site_name = "other.example.org", "The other site"
    site.save()

    with pytest.raises(CommandError, match="The other site.*other.example.org"):
        setup_site()

    assert _nothing_written()
    assert Site.objects.get().hostname == "other.example.org"


def test_a_default_site_serving_another_kind_of_page_is_refused(db):
    root = Page.get_first_root_node()
    other = root.add_child(instance=StandardPage(title="Old site", slug="old-site"))
    Site.objects.filter(is_default_site=True).update(root_page=other)

    with pytest.raises(CommandError, match="Old site"):
        setup_site()

    assert _nothing_written()
