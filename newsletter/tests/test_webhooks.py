"""Bounces and complaints from the provider's tracking webhook (Postmark's format, through
anymail, with its basic-auth secret) suppress the address for good."""

import base64
import json

import pytest

from newsletter.models import Delivery, Subscriber, SuppressedAddress, address_hash
from tests.factories import NewsletterIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/newsletter/esp/postmark/tracking/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-for-tests"}


def _auth(credentials="postmark:s3cret-for-tests"):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def _bounce(email, record_type="Bounce", kind="HardBounce", message_id="pm-1"):
    return json.dumps({
        "RecordType": record_type, "ID": 4323372036854775807, "Type": kind, "TypeCode": 1,
        "Name": "Hard bounce", "Tag": "infocluster", "MessageID": message_id,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account does not exist.", "Email": email,
        "From": "infocluster@example.org", "BouncedAt": "2026-11-20T16:33:54.9070259Z",
        "Inactive": True, "CanActivate": True, "Subject": "Infocluster 11/2026",
        "ServerID": 23, "MessageStream": "broadcast", "Metadata": {},
    })  # fmt: skip


def test_a_hard_bounce_suppresses_the_address_and_marks_the_delivery(client):
    subscriber = SubscriberFactory(email="gone@example.org")
    issue = NewsletterIssueFactory()
    Delivery.objects.create(issue=issue, subscriber=subscriber, email="gone@example.org",
                            status="sent", message_id="pm-1")  # fmt: skip

    response = client.post(URL, _bounce("Gone@Example.org"), content_type="application/json",
                           **_auth())  # fmt: skip

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "bounced"
    assert SuppressedAddress.objects.get().email_hash == address_hash("gone@example.org")
    assert Delivery.objects.get().status == "bounced"


def test_a_spam_complaint_suppresses_the_address(client):
    SubscriberFactory(email="angry@example.org")

    client.post(URL, _bounce("angry@example.org", "SpamComplaint", "SpamComplaint"),
                content_type="application/json", **_auth())  # fmt: skip

    assert Subscriber.objects.get().status == "complained"
    assert SuppressedAddress.objects.get().reason == "complained"


@pytest.mark.parametrize("headers", [{}, _auth("postmark:wrong")])
def test_a_webhook_without_the_secret_changes_nothing(client, headers):
    SubscriberFactory(email="fine@example.org")

    response = client.post(URL, _bounce("fine@example.org"), content_type="application/json",
                           **headers)  # fmt: skip

    assert response.status_code in (400, 401, 403)
    assert Subscriber.objects.get().status == "confirmed"
    assert not SuppressedAddress.objects.exists()
