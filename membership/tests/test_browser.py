"""In a real browser (Chromium through Playwright): the directory's map draws the outline of
Serbia the site serves itself, gathers the organisations of one city in a cluster that opens
to each of them, keeps its targets at 24 px or more, runs within the Content-Security-Policy
and does not make a phone's screen scroll sideways."""

import pytest

from tests.factories import (
    ClusterDirectoryPageFactory,
    HomePageFactory,
    OrganisationFactory,
    SectorFactory,
    ensure_locales,
    ensure_wagtail_base,
)

# Every content security policy violation and script error the page reports.
WATCH_VIOLATIONS = """
window.problems = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.problems.push(`CSP ${event.violatedDirective} ${event.blockedURI}`);
});
"""

BELGRADE = [f"Belgrade Cluster {letter}" for letter in "ABCDEFGHI"]
AREAS = 26  # static/geo/serbia-districts.geojson: Belgrade, 24 districts, Kosovo and Metohija


@pytest.fixture
def directory(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    directory = ClusterDirectoryPageFactory(parent=home)
    # A long name widens the sector filter's select to more than a phone's screen.
    SectorFactory(name="Manufacture of machinery, electrical equipment and motor vehicle parts")
    for name in BELGRADE:
        OrganisationFactory(
            name=name, city="Belgrade", region="belgrade", latitude="44.8176", longitude="20.4569"
        )
    OrganisationFactory(name="VOICT", slug="voict")  # Novi Sad
    OrganisationFactory(
        name="Niš Cluster", city="Niš", region="south_east", latitude="43.3209", longitude="21.8958"
    )
    return directory


def _open(browser, live_server, width):
    page = browser.new_page(base_url=live_server.url, viewport={"width": width, "height": 900})
    page.add_init_script(WATCH_VIOLATIONS)
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/clusters/")
    page.wait_for_selector("[data-directory-map][data-outline=drawn][data-markers]")
    return page, errors


def _box(locator):
    box = locator.bounding_box()
    return box["width"], box["height"]


@pytest.mark.sqlite
def test_the_map_draws_serbia_and_opens_the_belgrade_cluster_to_each_organisation(
    browser, live_server, directory
):
    page, errors = _open(browser, live_server, 1280)

    assert page.locator(".leaflet-outline-pane path").count() == AREAS
    belgrade = page.locator(".marker-cluster", has_text="9")
    assert belgrade.count() == 1
    assert page.locator(".leaflet-marker-icon[title^='Belgrade Cluster']").count() == 0
    for target in [belgrade, *page.locator(".leaflet-control-zoom a").all()]:
        width, height = _box(target)
        assert width >= 24 and height >= 24

    belgrade.click()
    page.wait_for_selector(".leaflet-marker-icon[title='Belgrade Cluster I']")
    shown = page.locator(".leaflet-marker-icon[title^='Belgrade Cluster']")
    assert sorted(shown.evaluate_all("icons => icons.map(icon => icon.title)")) == BELGRADE
    for name in BELGRADE:  # each one by keyboard: focus, Enter, read the popup, close it
        page.locator(f".leaflet-marker-icon[title='{name}']").focus()
        page.keyboard.press("Enter")
        link = page.locator(".leaflet-popup-content a")
        assert link.inner_text() == name
        assert link.get_attribute("href").endswith(f"/clusters/{name.lower().replace(' ', '-')}/")
        close = page.locator(".leaflet-popup-close-button")
        assert min(_box(close)) >= 24
        close.click()
        page.wait_for_selector(".leaflet-popup", state="detached")
    assert page.evaluate("window.problems") == []
    assert errors == []


@pytest.mark.sqlite
def test_the_directory_does_not_scroll_sideways_on_a_phone(browser, live_server, directory):
    page, errors = _open(browser, live_server, 375)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator(".leaflet-outline-pane path").count() == AREAS
    assert page.evaluate("window.problems") == []
    assert errors == []


@pytest.mark.sqlite
def test_a_configured_tile_server_replaces_the_outline(browser, live_server, directory, settings):
    settings.MAP_TILE_URL = "/static/vendor/leaflet/images/layers.png?{z}/{x}/{y}"
    page = browser.new_page(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page.goto("/clusters/")
    page.wait_for_selector("[data-directory-map][data-markers] img.leaflet-tile-loaded")

    assert page.locator(".leaflet-outline-pane path").count() == 0
    assert page.locator(".leaflet-control-attribution").count() == 1
