"""The membership journey end to end, on the real worker, SMTP server and Stripe stand-in."""

import contextlib
import json
import random
import re
from decimal import Decimal

from association.tasks import ping
from membership import services
from membership.models import Membership, Organisation
from membership.tests.test_organisation_edit import _post_data
from payments.models import Payment
from tests.factories import (
    ClusterDirectoryPageFactory,
    HomePageFactory,
    MembershipLevelFactory,
    MembershipPageFactory,
    StaffUserFactory,
    ensure_locales,
    verified_user,
)

PASSWORD = "a-long-and-unusual-passphrase"


def _site():
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    MembershipPageFactory(parent=home)
    ClusterDirectoryPageFactory(parent=home)
    return MembershipLevelFactory(name="Partner membership", yearly_price=Decimal("120.00"))


def _webhook(client, standin, event_type, session_id):
    payload = standin.event(event_type, session_id)
    return client.post(
        "/payments/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=standin.sign(payload),
    )


def _wait_for_subject(mailbox, subject, count=1):
    for _ in range(60):
        found = [m for m in mailbox.messages if m.subject == subject]
        if len(found) >= count:
            return found
        with contextlib.suppress(TimeoutError):
            mailbox.wait_for(len(mailbox.messages) + 1, timeout=1)
    raise AssertionError(f"no message {subject!r}; got {[m.subject for m in mailbox.messages]}")


def _sign_up_and_verify(client, mailbox, email):
    """Sign up and verify the e-mail address from the message the worker sent."""
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    [confirmation] = mailbox.wait_for(1)
    assert confirmation.rcpt_tos == [email]
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", confirmation.body_text())
    assert client.post(path.group(1)).status_code == 302


def _pay(client, stripe_standin, membership):
    """Pay through Stripe Checkout (the stand-in); the signed webhook confirms."""
    response = client.post(f"/dashboard/memberships/{membership.pk}/pay/")
    payment = Payment.objects.get()
    assert response["Location"] == payment.checkout_url
    stripe_standin.pay(payment.stripe_checkout_session_id)
    assert (
        _webhook(
            client, stripe_standin, "checkout.session.completed", payment.stripe_checkout_session_id
        ).status_code
        == 200
    )


def test_sign_up_apply_pay_and_appear_in_the_directory(
    client, celery_worker, mailbox, stripe_standin
):
    level = _site()

    _sign_up_and_verify(client, mailbox, "manager@voict.example")

    # Apply for the paid level with a new organisation.
    response = client.post(
        "/membership/apply/",
        {
            "level": level.pk,
            "new_name": "Vojvodina ICT Cluster",
            "new_kind": "cluster",
            "new_city": "Novi Sad",
            "motivation": "To work with the other clusters of Serbia.",
        },
    )
    assert response.status_code == 302
    _wait_for_subject(mailbox, "We received your membership application")

    # Staff approve it in the admin; the member is asked to pay.
    staff = client.__class__()
    staff.force_login(StaffUserFactory())
    application = Organisation.objects.get(name="Vojvodina ICT Cluster").applications.get()
    staff.post(
        f"/admin/membership/applications/{application.pk}/review/",
        {"decision": "approve", "message": "Welcome aboard."},
    )
    membership = Membership.objects.get()
    assert membership.status == Membership.Status.PENDING_PAYMENT
    _wait_for_subject(mailbox, "Your membership application is approved")

    _pay(client, stripe_standin, membership)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    _wait_for_subject(mailbox, "Welcome: your membership is active")

    # The member keeps the profile current; the directory and the map show it at once.
    organisation = membership.organisation
    data = _post_data(
        client, organisation, latitude="45.2671", longitude="19.8335", employees="250"
    )
    response = client.post(f"/dashboard/organisations/{organisation.slug}/edit/", data)
    assert response.status_code == 302
    assert "Vojvodina ICT Cluster" in client.get("/clusters/").content.decode()
    features = json.loads(client.get("/clusters/map.geojson").content)["features"]
    assert [f["properties"]["name"] for f in features] == ["Vojvodina ICT Cluster"]
    assert features[0]["geometry"]["coordinates"] == [19.8335, 45.2671]


def test_replayed_and_shuffled_webhooks_activate_once_and_mail_once(
    client, celery_worker, mailbox, stripe_standin
):
    level = _site()
    member = verified_user(email="office@facts.example")
    application = services.application_submit(
        applicant=member,
        level=level,
        motivation="Join",
        new_organisation={"name": "FACTS", "kind": "cluster"},
    )
    membership = services.application_approve(application=application, reviewer=None)
    client.force_login(member)
    client.post(f"/dashboard/memberships/{membership.pk}/pay/")
    session_id = Payment.objects.get().stripe_checkout_session_id
    stripe_standin.pay(session_id)

    completed = stripe_standin.event("checkout.session.completed", session_id)
    others = [
        stripe_standin.event("checkout.session.async_payment_succeeded", session_id),
        stripe_standin.event("payment_intent.succeeded", session_id),
    ]
    deliveries = [completed] * 5 + others
    random.Random(7).shuffle(deliveries)
    for payload in deliveries:
        response = client.post(
            "/payments/stripe/webhook/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=stripe_standin.sign(payload),
        )
        assert response.status_code == 200

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    welcome = _wait_for_subject(mailbox, "Welcome: your membership is active")
    # The worker takes tasks in order: once this one ran, a duplicate would have been sent.
    ping.delay("drain").get(timeout=30)
    assert len([m for m in mailbox.messages if m.subject == welcome[0].subject]) == 1
