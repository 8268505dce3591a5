"""Chromium through Playwright for the browser tests: Debian's Chromium (Playwright cannot
download one here), and a context signed in as a given user."""

import os

from django.conf import settings
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
