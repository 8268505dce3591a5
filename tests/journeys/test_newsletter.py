"""Infocluster from a reader's side, in a real browser with a real Celery worker, on both
configurations: subscribe on the site, confirm from the mailed link, receive an issue staff
send, unsubscribe from the link in that issue."""

import pytest
from playwright.sync_api import expect

from newsletter import dissemination
from newsletter.models import Subscriber
from tests.factories import AudienceFactory, NewsletterIssueFactory

pytestmark = pytest.mark.sqlite

READER = "reader@example.org"


def test_subscribe_confirm_receive_an_issue_and_unsubscribe(
    browser, journey_site, journey_worker, outbox
):
    page = browser.new_page(base_url=journey_site.url)
    page.goto("/")
    footer = page.locator(".site-footer")
    footer.get_by_label("E-mail address").fill(READER)
    footer.get_by_role("checkbox").check()
    with page.expect_navigation():
        footer.get_by_role("button", name="Subscribe").click()
    assert "/newsletter/thanks/" in page.url

    confirmation = outbox.wait_for(READER)
    page.goto(confirmation.link("/newsletter/confirm/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, send me Infocluster").click()
    expect(page.locator("h1")).to_have_text("You are subscribed")
    assert Subscriber.objects.get(email=READER).status == Subscriber.Status.CONFIRMED

    # Staff send an issue (the admin's "Send now" is the staff journey's); the worker mails it.
    issue = NewsletterIssueFactory(
        subject="Infocluster: cluster days", audience=AudienceFactory(include_subscribers=True)
    )
    dissemination.issue_send_now(issue=issue)
    received = outbox.wait_for(READER, "Infocluster: cluster days")
    assert "News, calls and events from the cluster network." in received.text()

    page.goto(received.link("/newsletter/unsubscribe/"))
    with page.expect_navigation():
        page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("h1")).to_have_text("You are unsubscribed")
    assert Subscriber.objects.get(email=READER).status == Subscriber.Status.UNSUBSCRIBED
    page.close()
