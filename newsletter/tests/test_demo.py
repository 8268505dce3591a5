"""The newsletter's demo content is idempotent and sends nothing."""

import pytest

from demo.newsletter import SENT_SLUG, SUBSCRIBERS, seed_newsletter
from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.selectors import audience_count
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_one_sent_issue_a_draft_and_the_demo_subscribers(
    locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        seed_newsletter()
        second = seed_newsletter()

    assert "0 demo subscribers created" in second and "issues unchanged" in second
    assert Subscriber.objects.count() == SUBSCRIBERS
    assert list(NewsletterIssue.objects.values_list("status", flat=True).order_by("status")) == [
        "draft",
        "sent",
    ]
    sent = NewsletterIssue.objects.get(slug=SENT_SLUG)
    assert sent.deliveries.count() == (
        Subscriber.objects.filter(status="confirmed", language=sent.language).count()
    )
    assert set(sent.deliveries.values_list("subscriber__language", flat=True)) == {"en"}
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert sent.web_html and sent.attachments.count() == 1
    assert not callbacks  # no task, no mail


def test_the_demo_reaches_its_subscribers_by_their_consent_and_its_issue_is_in_the_archive(
    locales, client
):
    HomePageFactory(as_site_root=True)
    seed_newsletter()
    sent = NewsletterIssue.objects.get(slug=SENT_SLUG)

    assert (
        audience_count(audience=sent.audience)
        == Subscriber.objects.filter(status="confirmed").count()
    )
    assert sent.in_public_archive
    assert sent.subject in client.get("/newsletter/archive/").content.decode()
