"""In a real browser (Chromium through Playwright): the check-in screen answers without a
page reload and counts arrivals, and an event page runs its scripts under the site's
Content-Security-Policy without a violation, its map drawn on the site's own outline of
Serbia."""

import pytest

from events import services
from tests.browser import signed_in_context
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    StaffUserFactory,
    ensure_locales,
    ensure_wagtail_base,
    verified_user,
)


@pytest.fixture
def event(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(
        parent=index, title="Balkan Cluster Day", ticket_types=[{"capacity": 5}]
    )


def test_check_in_answers_at_once_without_reloading(browser, live_server, event):
    registration = services.registration_create(
        ticket_type=event.ticket_types.get(),
        name="Ana Petrović",
        email="ana@example.org",
        user=verified_user(email="ana@example.org"),
    )
    context = signed_in_context(browser, live_server, StaffUserFactory())
    page = context.new_page()
    page.goto(f"/admin/events/{event.pk}/check-in/")
    page.evaluate("window.notReloaded = true")

    page.fill("input[name=code]", registration.code.lower())
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-outcome=valid]")
    assert "Ana Petrović" in page.inner_text("[data-check-in-result]")
    assert page.inner_text("[data-attended]") == "1"

    page.fill("input[name=code]", registration.code)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-outcome=already_used]")
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.activeElement.name") == "code"  # ready for the next scan
    context.close()


def test_event_page_draws_its_map_within_the_content_security_policy(browser, live_server, event):
    page = browser.new_page(base_url=live_server.url)
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(event.url)
    page.wait_for_selector(".leaflet-container[data-outline=drawn]")
    assert page.locator(".leaflet-marker-icon, .leaflet-interactive").count() >= 1
    # The base layer: the outline of Serbia's districts, served by the site itself.
    assert page.locator(".leaflet-outline-pane path").count() == 26
    assert problems == []
