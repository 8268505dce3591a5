"""In a real browser (Chromium through Playwright): the check-in screen answers without a
page reload and counts arrivals, and an event page runs its scripts under the site's
Content-Security-Policy without a violation."""

import os

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

from events import services
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    StaffUserFactory,
    ensure_locales,
    ensure_wagtail_base,
    verified_user,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test
    # itself are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Inside sync_playwright the ORM holds its connections in another context than
        # pytest-django's teardown sees; close them here, or the test database cannot be
        # dropped at the end of the run ("being accessed by other users").
        connections.close_all()


@pytest.fixture
def event(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(
        parent=index, title="Balkan Cluster Day", ticket_types=[{"capacity": 5}]
    )


def _signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


def test_check_in_answers_at_once_without_reloading(browser, live_server, event):
    registration = services.registration_create(
        ticket_type=event.ticket_types.get(),
        name="Ana Petrović",
        email="ana@example.org",
        user=verified_user(email="ana@example.org"),
    )
    context = _signed_in_context(browser, live_server, StaffUserFactory())
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
    page.wait_for_selector(".leaflet-container")
    assert page.locator(".leaflet-marker-icon, .leaflet-interactive").count() >= 1
    assert problems == []
