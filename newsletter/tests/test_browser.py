"""In a real browser (Chromium through Playwright): the Newsletter menu opens its own
submenu and leads to the issues; the issue's preview looks like the mail (its inline styles
apply, no Content-Security-Policy violation) and keeps the preheader hidden."""

import pytest

from tests.browser import signed_in_context
from tests.factories import (
    HomePageFactory,
    NewsletterIssueFactory,
    StaffUserFactory,
    ensure_locales,
    ensure_wagtail_base,
)


@pytest.fixture
def staff_context(browser, live_server, transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    HomePageFactory(as_site_root=True)
    context = signed_in_context(browser, live_server, StaffUserFactory())
    yield context
    context.close()


def test_newsletter_in_the_sidebar_opens_its_own_submenu_and_leads_to_the_issues(staff_context):
    NewsletterIssueFactory(subject="Infocluster in the list")
    page = staff_context.new_page()
    page.goto("/admin/")

    page.locator("#wagtail-sidebar").get_by_role("button", name="Newsletter").click()
    submenu = page.locator("#wagtail-sidebar").get_by_role("link", name="Issues")
    submenu.click()

    page.wait_for_url("**/admin/snippets/newsletter/newsletterissue/")
    assert "Infocluster in the list" in page.content()


def test_the_preview_shows_the_mail_styled_with_its_preheader_hidden(staff_context):
    issue = NewsletterIssueFactory(subject="Infocluster styled", preheader="Hidden teaser line")
    page = staff_context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.goto(f"/admin/snippets/newsletter/newsletterissue/edit/{issue.pk}/")
    page.get_by_role("button", name="Toggle preview").click()
    page.wait_for_selector("iframe#w-preview-iframe[src*='/preview/']", state="attached")
    frame = page.frame_locator("iframe#w-preview-iframe[src*='/preview/']")
    heading = frame.get_by_role("heading", name="Infocluster styled")
    heading.wait_for()

    # The mail's header bar: white heading text on the dark band, from its inline styles.
    assert heading.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    assert not frame.get_by_text("Hidden teaser line").is_visible()
    assert [p for p in problems if "inline style" in p] == []
