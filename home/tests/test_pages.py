import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.models import Menu, SiteSettings, validate_link_url
from home.views import server_error
from tests.factories import (
    FooterTextFactory,
    MenuFactory,
    MenuItemFactory,
    OrganisationFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_settings(db):
    """Made before any page view: made by the first one, they would bump the content version
    in the middle of it, and what it cached would be missed by the next."""
    return SiteSettings.load()


def _menus_with(count, parent, prefix="Menu page"):
    """A main menu of ``count`` entries (half pages, half addresses) and a footer menu."""
    main = MenuFactory(handle=Menu.Handle.MAIN)
    footer = MenuFactory(handle=Menu.Handle.FOOTER)
    for index in range(count):
        if index % 2:
            MenuItemFactory(menu=main, link_text=f"External {index}")
        else:
            page = StandardPageFactory(parent=parent, title=f"{prefix} {index}")
            MenuItemFactory(menu=main, link_page=page, link_url="", link_text="")
    MenuItemFactory(menu=footer, link_text="Contact")
    FooterTextFactory()


def _queries(client, url, cold=False):
    if not cold:
        client.get(url)  # warm the caches, as on any running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_home_page_shows_hero_and_empty_states(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert home_page.hero_heading in content
    assert "No news yet" in content
    assert "No upcoming events are announced yet" in content
    assert 'id="main"' in content and "Skip to main content" in content


def test_standard_page_renders_its_stream_blocks(client, home_page):
    page = StandardPageFactory(parent=home_page, title="About us")

    response = client.get("/about-us/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h2>Founding clusters</h2>" in content
    assert "Seven clusters from different sectors" in content
    assert "Clusters are not a novelty in Serbia." in content
    assert f'<link rel="canonical" href="{page.full_url}">' in content


def test_menu_links_render_in_header_in_order(client, home_page):
    _menus_with(4, home_page)

    content = client.get("/").content.decode()

    assert content.index("Menu page 0") < content.index("External 1") < content.index("Menu page 2")
    assert 'href="/menu-page-0/"' in content
    assert "The Serbian Cluster Association connects clusters" in content


def test_unpublished_menu_page_is_left_out(client, home_page):
    main = MenuFactory(handle=Menu.Handle.MAIN)
    draft = StandardPageFactory(parent=home_page, title="Draft page", publish=False)
    MenuItemFactory(menu=main, link_page=draft, link_url="", link_text="")

    assert "Draft page" not in client.get("/").content.decode()


@pytest.mark.usefixtures("uncached_pages")
@pytest.mark.parametrize("url", ["/", "/section/"])
def test_page_query_count_does_not_grow_with_the_menu(client, home_page, url):
    StandardPageFactory(parent=home_page, title="Section")
    _menus_with(3, home_page)
    small = _queries(client, url)

    Menu.objects.all().delete()
    _menus_with(30, home_page, prefix="Other page")
    large = _queries(client, url)

    assert small == large


@pytest.mark.usefixtures("uncached_pages")
def test_home_page_query_count(client, home_page, django_assert_num_queries):
    _menus_with(10, home_page)
    client.get("/")
    # The page by id (routing remembered: home.routing) and Wagtail's privacy checks (2); the
    # language switcher's links, menus, footer, feed links and the page's content come from
    # the cache, the site and its settings from the process (home.cache.VersionedMemo).
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200


@pytest.mark.usefixtures("uncached_pages")
def test_standard_page_query_count(client, home_page, django_assert_num_queries):
    section = StandardPageFactory(parent=home_page, title="Section")
    for index in range(5):
        StandardPageFactory(parent=section, title=f"Child {index}")
    _menus_with(10, home_page)
    client.get("/section/")
    # As the home page (routing is one query at any depth), the breadcrumbs and the child
    # pages' cards (with their listing images).
    with django_assert_num_queries(6):
        assert client.get("/section/").status_code == 200


def test_unknown_url_gives_the_friendly_404(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'action="/search/"' in response.content.decode()


def test_server_error_page_renders_without_context():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_bad_host_header_is_rejected(client, home_page):
    response = client.get("/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400


def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("/search/", True),
        ("https://example.org/members/", True),
        ("//evil.example.com/", False),
        ("javascript:alert(1)", False),
        ("search", False),
    ],
)
def test_menu_links_take_site_paths_and_web_addresses_only(address, valid):
    if valid:
        validate_link_url(address)
    else:
        with pytest.raises(ValidationError):
            validate_link_url(address)


def test_cached_menu_follows_a_renamed_page_and_a_new_entry(client, home_page):
    main = MenuFactory(handle=Menu.Handle.MAIN)
    page = StandardPageFactory(parent=home_page, title="Membership")
    MenuItemFactory(menu=main, link_page=page, link_url="", link_text="")
    assert "Membership" in client.get("/").content.decode()

    page.title = "Why join"
    page.save_revision().publish()
    MenuItemFactory(menu=main, link_text="Contact us")

    content = client.get("/").content.decode()
    assert 'href="/membership/">Why join</a>' in content
    assert "Contact us" in content


def test_cold_page_query_count_does_not_grow_with_the_menu(client, home_page):
    _menus_with(3, home_page)
    client.get("/")
    cache.clear()
    small = _queries(client, "/", cold=True)

    Menu.objects.all().delete()
    _menus_with(30, home_page, prefix="Other page")
    client.get("/")
    cache.clear()
    large = _queries(client, "/", cold=True)

    assert small == large


def test_home_page_shows_the_network_figures_from_the_directory(client, home_page):
    OrganisationFactory(name="VOICT", slug="voict", member_companies=40, employees=1200)
    OrganisationFactory(name="NiCAT", slug="nicat", member_companies=12, employees=300)
    OrganisationFactory(name="Draft", slug="draft", employees=999, is_published=False)

    content = client.get("/").content.decode()

    assert "<dt>Member companies</dt><dd>52</dd>" in content
    assert "<dt>Employees</dt><dd>1500</dd>" in content
