"""Bounces and complaints from the provider's tracking webhook (Postmark's format, through
anymail, with its basic-auth secret): hard bounces and complaints suppress the address for
good, soft bounces only when they repeat."""

import base64
import datetime
import json

import pytest

from newsletter.models import Delivery, SoftBounce, Subscriber, SuppressedAddress, address_hash
from tests.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/newsletter/esp/postmark/tracking/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-for-tests"}


def _auth(credentials="postmark:s3cret-for-tests"):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def _bounce(
    email,
    record_type="Bounce",
    kind="HardBounce",
    message_id="pm-1",
    details="smtp;550 5.1.1 The email account does not exist.",
):
    return json.dumps(
        {
            "RecordType": record_type,
            "ID": 4323372036854775807,
            "Type": kind,
            "TypeCode": 1,
            "Name": "Hard bounce",
            "Tag": "infocluster",
            "MessageID": message_id,
            "Description": "The server was unable to deliver your message.",
            "Details": details,
            "Email": email,
            "From": "infocluster@example.org",
            "BouncedAt": "2026-11-20T16:33:54.9070259Z",
            "Inactive": True,
            "CanActivate": True,
            "Subject": "Infocluster 11/2026",
            "ServerID": 23,
            "MessageStream": "broadcast",
            "Metadata": {},
        }
    )


def test_a_hard_bounce_suppresses_the_address_and_marks_the_delivery(client):
    subscriber = SubscriberFactory(email="gone@example.org")
    issue = NewsletterIssueFactory()
    Delivery.objects.create(
        issue=issue,
        subscriber=subscriber,
        email="gone@example.org",
        status="sent",
        message_id="pm-1",
    )

    response = client.post(
        URL, _bounce("Gone@Example.org"), content_type="application/json", **_auth()
    )

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "bounced"
    assert SuppressedAddress.objects.get().email_hash == address_hash("gone@example.org")
    assert Delivery.objects.get().status == "bounced"


def test_a_spam_complaint_suppresses_the_address(client):
    SubscriberFactory(email="angry@example.org")

    client.post(
        URL,
        _bounce("angry@example.org", "SpamComplaint", "SpamComplaint"),
        content_type="application/json",
        **_auth(),
    )

    assert Subscriber.objects.get().status == "complained"
    assert SuppressedAddress.objects.get().reason == "complained"


@pytest.mark.parametrize("headers", [{}, _auth("postmark:wrong")])
def test_a_webhook_without_the_secret_changes_nothing(client, headers):
    SubscriberFactory(email="fine@example.org")

    response = client.post(
        URL, _bounce("fine@example.org"), content_type="application/json", **headers
    )

    assert response.status_code in (400, 401, 403)
    assert Subscriber.objects.get().status == "confirmed"
    assert not SuppressedAddress.objects.exists()


def _post(client, payload):
    response = client.post(URL, payload, content_type="application/json", **_auth())
    assert response.status_code == 200
    return response


MAILBOX_FULL = "smtp;452 4.2.2 The recipient's mailbox is full."


def test_a_soft_bounce_marks_the_delivery_but_keeps_the_subscriber(client):
    subscriber = SubscriberFactory(email="full@example.org")
    Delivery.objects.create(
        issue=NewsletterIssueFactory(),
        subscriber=subscriber,
        email="full@example.org",
        status="sent",
        message_id="pm-7",
    )

    _post(
        client,
        _bounce("full@example.org", kind="SoftBounce", message_id="pm-7", details=MAILBOX_FULL),
    )

    assert Subscriber.objects.get().status == "confirmed"
    assert not SuppressedAddress.objects.exists()
    assert Delivery.objects.get().status == "bounced"
    assert SoftBounce.objects.get().email_hash == address_hash("full@example.org")


def test_repeated_soft_bounces_suppress_the_address_counting_each_message_once(client, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    SubscriberFactory(email="full@example.org")
    soft = {"kind": "SoftBounce", "details": MAILBOX_FULL}

    _post(client, _bounce("full@example.org", message_id="pm-1", **soft))
    _post(client, _bounce("full@example.org", message_id="pm-1", **soft))  # reported twice
    _post(client, _bounce("full@example.org", message_id="pm-2", **soft))
    assert Subscriber.objects.get().status == "confirmed"

    _post(client, _bounce("full@example.org", message_id="pm-3", **soft))

    assert Subscriber.objects.get().status == "bounced"
    assert SuppressedAddress.objects.get().reason == "bounced"


def test_soft_bounces_older_than_the_window_are_forgotten(client, settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT, settings.NEWSLETTER_SOFT_BOUNCE_DAYS = 2, 30
    SubscriberFactory(email="full@example.org")
    _post(
        client,
        _bounce("full@example.org", kind="SoftBounce", message_id="pm-1", details=MAILBOX_FULL),
    )
    SoftBounce.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))

    _post(
        client,
        _bounce("full@example.org", kind="SoftBounce", message_id="pm-2", details=MAILBOX_FULL),
    )

    assert Subscriber.objects.get().status == "confirmed"
    assert SoftBounce.objects.count() == 1


@pytest.mark.parametrize(
    "kind, details, temporary",
    [
        ("HardBounce", "smtp;550 5.1.1 User unknown", False),
        ("HardBounce", "smtp;421 4.7.0 Try again later", True),  # the code outranks the label
        ("SoftBounce", "", True),
        ("Blocked", "smtp;550 5.7.1 Rejected by a blocklist", True),  # our side, not theirs
        ("DMARCPolicy", "", True),
        ("BadEmailAddress", "", False),
    ],
)
def test_what_counts_as_a_soft_bounce(client, settings, kind, details, temporary):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 2
    SubscriberFactory(email="someone@example.org")

    _post(client, _bounce("someone@example.org", kind=kind, details=details))

    assert SuppressedAddress.objects.exists() is not temporary
    assert SoftBounce.objects.exists() is temporary
