"""Chromium through Playwright for the browser tests: Debian's Chromium (Playwright cannot
download one here), and a context signed in as a given user."""

import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium():
    """Chromium under Playwright's sync API, which runs an event loop in this thread: the
    ORM calls of the test itself stay plain synchronous code (DJANGO_ALLOW_ASYNC_UNSAFE)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
            # Inside sync_playwright the ORM holds its connections in another context than
            # pytest-django's teardown sees; close them here, or the test database cannot
            # be dropped at the end of the run ("being accessed by other users").
            connections.close_all()


def signed_in_context(browser, live_server, user):
    """A browser context with ``user``'s session cookie."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context
