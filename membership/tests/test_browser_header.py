"""The header's account links in a real browser (Chromium through Playwright): on a 375 px
phone nothing scrolls sideways, and signing out is reached and pressed with the keyboard."""

import pytest

from tests.browser import signed_in_context
from tests.factories import HomePageFactory, ensure_locales, ensure_wagtail_base, verified_user

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def site(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    return HomePageFactory(as_site_root=True)


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("prefix", ["", "/sr-latn", "/sr"])
def test_the_header_fits_a_phone_signed_out_and_in(browser, live_server, site, prefix):
    visitor = browser.new_context(base_url=live_server.url, viewport=PHONE)
    member = signed_in_context(browser, live_server, verified_user())
    for context in (visitor, member):
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(f"{prefix}/search/")
        assert _no_sideways_scroll(page)
        page.click(".nav-toggle")
        page.wait_for_selector(".account-links", state="visible")
        assert _no_sideways_scroll(page)
        context.close()


def test_a_member_signs_out_with_the_keyboard(browser, live_server, site):
    context = signed_in_context(browser, live_server, verified_user())
    page = context.new_page()
    page.goto("/sr-latn/search/")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('form.sign-out') !== null"):
            break
    else:
        pytest.fail("the sign-out button is not reached with the Tab key")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/sr-latn/"
    assert page.locator(".account-links a[href^='/sr-latn/accounts/login/']").count() == 1
    context.close()
