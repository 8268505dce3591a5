"""The fuzz test of the webhooks: Stripe's (signed, badly signed, unsigned) and the mail
providers' tracking and inbound endpoints. See ``strategies.py`` for what the fuzz test is and
how to run it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from hypothesis import strategies as st

from .harness import Req
from .hostile import email_value, hostile_text, integers_as_text, raw_bytes, value
from .strategies import FUZZ_MARKS, drive, printable

pytestmark = FUZZ_MARKS


# --- webhooks: Stripe and the mail provider's bounces ---------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), hostile_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["id", "type", "data", "object"]), hostile_text),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _bodies(site):
    """Request bodies: Stripe events about the site's checkouts and others, any JSON, text
    and raw bytes."""
    session = st.one_of(st.sampled_from(site.session_ids or ["cs_test_unknown"]), hostile_text)
    event_types = st.one_of(
        st.sampled_from(
            [
                "checkout.session.completed",
                "checkout.session.expired",
                "checkout.session.async_payment_succeeded",
                "checkout.session.async_payment_failed",
                "payment_intent.created",
            ]
        ),
        hostile_text,
    )
    stripe_event = st.builds(
        lambda event_id, kind, session_id, extra: {
            "id": event_id,
            "object": "event",
            "type": kind,
            "data": {"object": {"id": session_id, "object": "checkout.session", **extra}},
        },
        st.one_of(st.builds(lambda n: f"evt_fuzz_{n}", st.integers(0, 10**9)), json_values),
        event_types,
        st.one_of(session, json_values),
        st.dictionaries(
            st.sampled_from(["payment_status", "status", "metadata", "amount_total"]),
            json_values,
            max_size=3,
        ),
    )
    return st.one_of(
        stripe_event.map(lambda e: json.dumps(e).encode()),
        json_values.map(lambda v: json.dumps(v).encode()),
        hostile_text.map(lambda t: t.encode("utf-8")),
        raw_bytes,
    )


def _signature(stripe, body: bytes, how: str, junk: str) -> dict:
    timestamp = int(time.time())
    secret = stripe.webhook_secret.encode()
    mac = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {
        "good": {"Stripe-Signature": f"t={timestamp},v1={mac}"},
        "old": {"Stripe-Signature": f"t={timestamp - 10**6},v1={mac}"},
        "junk": {"Stripe-Signature": printable(junk)},
        "none": {},
    }[how]


@st.composite
def _stripe_requests(draw, stripe, bodies):
    body = draw(bodies)
    how = draw(st.sampled_from(["good", "good", "old", "junk", "none"]))
    return Req(
        "POST /payments/stripe/webhook/",
        "POST",
        "/payments/stripe/webhook/",
        body=body,
        content_type="application/json",
        headers=_signature(stripe, body, how, draw(hostile_text)),
    )


postmark_event = st.fixed_dictionaries(
    {
        "RecordType": value(
            ["Bounce", "SpamComplaint", "Delivery", "Open", "Click", "SubscriptionChange"]
        )
    },
    optional={
        "Type": value(["HardBounce", "SoftBounce", "Transient", "SpamNotification"]),
        "TypeCode": st.one_of(st.integers(-(2**70), 2**70), integers_as_text),
        "Email": email_value(),
        "Recipient": email_value(),
        "MessageID": value(["00000000-0000-0000-0000-000000000000"]),
        "BouncedAt": value(["2026-11-30T10:00:00Z", "2026-13-45T99:99:99Z"]),
        "DeliveredAt": value(["2026-11-30T10:00:00Z"]),
        "Metadata": json_values,
        "Tag": hostile_text,
        "Details": hostile_text,
        "SuppressSending": st.one_of(st.booleans(), hostile_text),
    },
)
postmark_auth = st.sampled_from(
    [
        {"Authorization": "Basic " + base64.b64encode(b"postmark:fuzz-secret").decode()},
        {"Authorization": "Basic " + base64.b64encode(b"postmark:wrong").decode()},
        {"Authorization": "Basic !!!"},
        {},
    ]
)


def _postmark_requests(bodies):
    return st.builds(
        lambda body, headers: Req(
            "POST /newsletter/esp/postmark/tracking/",
            "POST",
            "/newsletter/esp/postmark/tracking/",
            body=body,
            content_type="application/json",
            headers=headers,
        ),
        st.one_of(postmark_event.map(lambda e: json.dumps(e).encode()), bodies),
        st.one_of(postmark_auth, postmark_auth, postmark_auth),
    )


def _other_provider_requests(bodies):
    return st.builds(
        lambda provider, kind, body: Req(
            "POST /newsletter/esp/<other provider>/",
            "POST",
            f"/newsletter/esp/{provider}/{kind}/",
            body=body,
            content_type="application/json",
        ),
        st.sampled_from(["mailgun", "postal", "mandrill", "amazon_ses", "sendgrid", "brevo"]),
        st.sampled_from(["tracking", "inbound"]),
        bodies,
    )


def test_fuzz_webhooks(fuzzer, site, fuzz_settings):
    fuzz_settings.ANYMAIL = {"WEBHOOK_SECRET": "postmark:fuzz-secret"}
    bodies = _bodies(site)
    postmark = _postmark_requests(bodies)
    strategy = st.one_of(
        _stripe_requests(site.stripe, bodies),
        _stripe_requests(site.stripe, bodies),
        postmark,
        postmark,
        _other_provider_requests(bodies),
    )
    drive(fuzzer, strategy, "webhooks")
