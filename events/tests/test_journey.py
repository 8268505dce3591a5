"""A member's paid ticket end to end: register, pay through the Stripe stand-in, the signed
webhook confirms, the worker mails the ticket (with .ics and QR) to the SMTP server, staff
check the person in at the door, and a second scan is refused."""

import re
from decimal import Decimal

from events import services, tickets
from events.models import Registration
from events.tickets import qr_png
from membership.models import Membership
from payments.models import Payment
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    MembershipLevelFactory,
    StaffUserFactory,
    ensure_locales,
    verified_user,
)


def _webhook(client, standin, event_type, session_id):
    payload = standin.event(event_type, session_id)
    return client.post(
        "/payments/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=standin.sign(payload),
    )


def _parts(message):
    return {part.get_filename(): part for part in message.message.walk() if part.get_filename()}


def _event_and_member():
    """A paid event with a member price, and a signed-in member with a verified address."""
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=index,
        title="Days of Clusters 2027",
        ticket_types=[
            {
                "name": "Conference pass",
                "capacity": 100,
                "price": Decimal("60.00"),
                "member_price": Decimal("25.00"),
            }
        ],
    )
    member = verified_user(email="manager@voict.example", first_name="Jelena", last_name="Marić")
    Membership.objects.create(
        person=member, level=MembershipLevelFactory(), status=Membership.Status.ACTIVE
    )
    return event, member


def _assert_ticket_mailed(mailbox, registration):
    """The confirmation arrives at the SMTP server with the calendar file and the QR code."""
    [mail] = mailbox.wait_for_matching(lambda m: "Your ticket" in m.subject, "confirmation")
    assert mail.rcpt_tos == ["manager@voict.example"]
    assert registration.code in mail.body_text()
    attachments = _parts(mail)
    ics = attachments["event.ics"].get_payload(decode=True).decode()
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Days of Clusters 2027" in ics
    assert registration.code in ics.replace("\r\n ", "")
    png = attachments[f"ticket-{registration.code}.png"].get_payload(decode=True)
    assert png == qr_png(registration.code)


def _assert_checked_in_once(client, event, registration):
    """At the door: the first scan admits, the second says the ticket was used."""
    staff = client.__class__()
    staff.force_login(StaffUserFactory())
    url = f"/admin/events/{event.pk}/check-in/"
    first = staff.post(url, {"code": registration.code.lower()}, HTTP_ACCEPT="application/json")
    assert first.json()["outcome"] == "valid" and first.json()["name"] == "Jelena Marić"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.ATTENDED
    second = staff.post(url, {"code": registration.code}, HTTP_ACCEPT="application/json")
    assert second.json()["outcome"] == "already_used"
    assert re.search(r"[Aa]lready used", second.json()["message"])


def test_member_pays_gets_the_ticket_by_mail_and_is_checked_in_once(
    client, celery_worker, mailbox, stripe_standin
):
    event, member = _event_and_member()
    ticket = event.ticket_types.get()
    client.force_login(member)

    # The form is filled in from the account; registering sends the member to Stripe.
    form = client.get(f"{event.url}register/")
    assert 'value="manager@voict.example"' in form.content.decode()
    response = client.post(
        f"{event.url}register/",
        {"ticket_type": ticket.pk, "name": "Jelena Marić", "email": "manager@voict.example"},
    )
    payment = Payment.objects.get()
    assert response.status_code == 302 and response["Location"] == payment.checkout_url
    assert payment.amount == Decimal("25.00")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING_PAYMENT

    # Paid at Stripe; the signed webhook confirms the place.
    stripe_standin.pay(payment.stripe_checkout_session_id)
    assert (
        _webhook(
            client, stripe_standin, "checkout.session.completed", payment.stripe_checkout_session_id
        ).status_code
        == 200
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    _assert_ticket_mailed(mailbox, registration)

    # The dashboard shows the ticket.
    dashboard = client.get("/dashboard/").content.decode()
    assert "Days of Clusters 2027" in dashboard and registration.code in dashboard

    _assert_checked_in_once(client, event, registration)


def test_a_payment_for_a_place_no_longer_held_is_flagged_and_confirms_nothing(
    client, celery_worker, mailbox, stripe_standin
):
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=index, ticket_types=[{"capacity": 1, "price": Decimal("40.00")}]
    )
    ticket = event.ticket_types.get()
    response = client.post(
        f"{event.url}register/",
        {"ticket_type": ticket.pk, "name": "Late Payer", "email": "late@example.org"},
    )
    assert response.status_code == 200  # "check your e-mail": the pay link goes there
    holder = Registration.objects.get()
    pay = client.post(tickets.manage_path(holder) + "pay/")
    assert pay.status_code == 302 and pay["Location"] == Payment.objects.get().checkout_url
    waiting = services.registration_create(
        ticket_type=ticket, name="Next", email="next@example.org"
    )
    # An open checkout keeps the place from expiring; staff cancelling it does not wait.
    assert not services.registration_release(registration=holder)
    services.registration_cancel(registration=holder, by_staff=True)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING_PAYMENT

    payment = Payment.objects.get()
    stripe_standin.pay(payment.stripe_checkout_session_id)
    assert (
        _webhook(
            client, stripe_standin, "checkout.session.completed", payment.stripe_checkout_session_id
        ).status_code
        == 200
    )
    payment.refresh_from_db()
    holder.refresh_from_db()
    assert payment.status == Payment.Status.NEEDS_REVIEW
    assert holder.status == Registration.Status.CANCELLED
    assert Registration.objects.filter(status__in=Registration.HOLDING).count() == 1
