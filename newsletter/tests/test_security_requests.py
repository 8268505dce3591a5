"""The newsletter against abuse, hostile requests: no hostile input, forged or reused link
gives a 5xx or stores anything, and only the configured provider's webhook is mounted."""

import base64
import json
from urllib.parse import quote

import pytest
from django.core import signing
from django.test import Client

from newsletter import services
from newsletter.models import Consent, Subscriber, SuppressedAddress
from newsletter.tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, confirmation_token, unsubscribe_token
from tests.factories import HomePageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(locales):
    return HomePageFactory(as_site_root=True)


# --- 4 and 5. Hostile input: no 5xx, nothing stored -----------------------------------

HUGE_OR_NEGATIVE = [
    "99999999999999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "0",
    "1e400",
    "-99999999999999999999",
    "١٢",
    "0x10",
    " 1",
    "",
]


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HUGE_OR_NEGATIVE)
def test_huge_or_negative_interests_give_a_form_error_and_store_nothing(client, value):
    response = client.post(
        "/newsletter/",
        {"email": "ana@example.org", "language": "en", "consent": "on", "interests": [value]},
    )

    assert response.status_code == 400
    assert "interests" in response.context["form"].errors
    assert not Subscriber.objects.exists()


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HUGE_OR_NEGATIVE)
def test_huge_or_negative_interests_in_the_preferences_give_a_form_error(client, value):
    subscriber = SubscriberFactory(name="Ana")
    url = f"/newsletter/preferences/{unsubscribe_token(subscriber_id=subscriber.pk)}/"

    response = client.post(url, {"name": "Changed", "language": "en", "interests": [value]})

    assert response.status_code in (302, 400)
    subscriber.refresh_from_db()
    assert subscriber.name == ("Changed" if response.status_code == 302 else "Ana")


HOSTILE = [
    "x" * 10_000,
    "ana@example.org" + "a" * 10_000,
    "\u202eorg.example@ana",  # right-to-left override
    "a\u0301\u0302\u0303\u0304" * 50,  # combining marks
    "'\"`; DROP TABLE newsletter_subscriber; --",
    'ana"@example.org',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>@example.org",
    'NEAR(a b) OR "c* ^d',
    "%00%0d%0a",
    "\x00",
    "ana@example.org\r\nBcc: victim@example.org",
    "99999999999999999999999",
    "-1",
    "💥" * 300,
    "../../etc/passwd",
]


def _stored():
    return (
        Subscriber.objects.count(),
        Consent.objects.count(),
        SuppressedAddress.objects.count(),
        list(Subscriber.objects.order_by("pk").values_list("status", "name", "language")),
    )


@pytest.fixture
def reader():
    return SubscriberFactory(email="reader@example.org", name="Reader")


def _subscribe_data(**fields):
    return {"email": "new@example.org", "language": "en", "consent": "on", **fields}


def _public_requests(value, reader):
    """Every public newsletter URL and form, with ``value`` in one place each time."""
    quoted = quote(value, safe="")
    s_token = unsubscribe_token(subscriber_id=reader.pk)
    for field in ("email", "name", "language", "interests", "consent", "source"):
        yield "post", "/newsletter/", _subscribe_data(**{field: value})
    yield "get", f"/newsletter/?from={quoted}", None
    yield "get", f"/newsletter/?interests={quoted}", None
    for route in ("confirm", "unsubscribe", "preferences"):
        yield "get", f"/newsletter/{route}/{quoted}/", None
        yield "post", f"/newsletter/{route}/{quoted}/", {"name": value}
    yield "post", f"/newsletter/confirm/{quoted}/resend/", None
    for field in ("name", "language", "interests"):
        data = {"name": "Reader", "language": "en", field: value}
        yield "post", f"/newsletter/preferences/{s_token}/", data
    yield "get", f"/newsletter/archive/?page={quoted}", None
    yield "get", f"/newsletter/archive/{quoted}/", None
    yield "get", f"/sr/newsletter/archive/?page={quoted}", None


@pytest.mark.sqlite
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:20]))
def test_hostile_input_on_every_public_url_never_gives_a_5xx_nor_stores_when_refused(value, reader):
    client = Client()
    for method, url, data in _public_requests(value, reader):
        before = _stored()
        response = getattr(client, method)(url, data or {})
        assert response.status_code < 500, (method, url[:80], data)
        if response.status_code >= 400:
            assert _stored() == before, (method, url[:80], data)


def _signed(payload, salt):
    return signing.dumps(payload, salt=salt)


FORGED = [
    ("confirm", lambda s: _signed([s.pk, "wrong-nonce"], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([2**70, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([-1, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([True, s.confirmation_nonce], CONFIRM_SALT)),
    ("confirm", lambda s: _signed([s.pk], CONFIRM_SALT)),
    ("confirm", lambda s: _signed({"pk": s.pk}, CONFIRM_SALT)),
    ("confirm", lambda s: _signed([s.pk, s.confirmation_nonce], UNSUBSCRIBE_SALT)),
    (
        "confirm",
        lambda s: signing.Signer(key="not-our-key", salt=CONFIRM_SALT).sign_object(
            [s.pk, s.confirmation_nonce]
        ),
    ),
    ("unsubscribe", lambda s: _signed(["s", 2**70], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", -5], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", True], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["h", "x" * 5000], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", s.pk, "extra"], UNSUBSCRIBE_SALT)),
    ("unsubscribe", lambda s: _signed(["s", s.pk], CONFIRM_SALT)),
    ("preferences", lambda s: _signed(["s", 2**70], UNSUBSCRIBE_SALT)),
    ("preferences", lambda s: _signed(["s", -5], UNSUBSCRIBE_SALT)),
    ("preferences", lambda s: _signed(["s", s.pk], CONFIRM_SALT)),
]


@pytest.mark.sqlite
@pytest.mark.parametrize("route, forge", FORGED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_tokens_are_refused_without_a_5xx_and_change_nothing(route, forge, method):
    subscriber = SubscriberFactory(email="ana@example.org", status="pending")
    before = _stored()

    url = f"/newsletter/{route}/{forge(subscriber)}/"

    response = getattr(Client(), method)(url, {"name": "X"})

    assert 400 <= response.status_code < 500
    assert _stored() == before


# --- 6. A reused confirmation link ----------------------------------------------------


def test_a_reused_confirmation_link_says_you_are_already_subscribed(client):
    services.subscription_request(
        email="ana@example.org", language="en", source="page", wording="I agree."
    )
    url = f"/newsletter/confirm/{confirmation_token(Subscriber.objects.get())}/"
    assert client.post(url).status_code == 200

    shown, posted = client.get(url), client.post(url)

    for response in (shown, posted):
        assert response.status_code == 200
        html = response.content.decode()
        assert "already subscribed" in html and "Yes, send me Infocluster" not in html
    assert Consent.objects.filter(action="confirmed").count() == 1


def test_a_confirmation_link_replaced_by_a_newer_one_says_so(client, settings):
    settings.NEWSLETTER_CONFIRM_RESEND_MINUTES = 0
    services.subscription_request(
        email="ana@example.org", language="en", source="page", wording="I agree."
    )
    old = confirmation_token(Subscriber.objects.get())
    Subscriber.objects.update(confirmation_nonce="a-newer-link")

    response = client.get(f"/newsletter/confirm/{old}/")

    assert response.status_code == 409
    assert "newer" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


# --- The provider's webhook -------------------------------------------------------------


def test_only_the_configured_providers_tracking_webhook_is_mounted(client, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:s3cret-for-tests"}
    auth = "Basic " + base64.b64encode(b"postmark:s3cret-for-tests").decode()
    body = json.dumps(
        {
            "RecordType": "Delivery",
            "MessageID": "pm-1",
            "Recipient": "a@b.rs",
            "DeliveredAt": "2026-11-20T16:33:54Z",
            "Metadata": {},
        }
    )

    configured = client.post(
        "/newsletter/esp/postmark/tracking/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )

    assert configured.status_code == 200
    for other in (
        "mailgun/tracking",
        "sendgrid/tracking",
        "amazon_ses/tracking",
        "postmark/inbound",
        "mailgun/inbound",
        "postal/tracking",
        "mandrill/tracking",
    ):
        assert (
            client.post(
                f"/newsletter/esp/{other}/", body, content_type="application/json"
            ).status_code
            == 404
        )
