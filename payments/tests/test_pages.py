from django.urls import reverse

from payments.models import Payment
from payments.services import payment_confirm
from tests.factories import StaffUserFactory, UserFactory


def test_the_success_page_says_the_payment_is_being_confirmed(client, home_page, make_payment):
    payment = make_payment()

    response = client.get(
        reverse("payments:success"), {"session_id": payment.stripe_checkout_session_id}
    )

    assert response.status_code == 200
    assert "We are confirming your payment" in response.content.decode()
    assert 'http-equiv="refresh"' in response.content.decode()


def test_the_success_page_says_paid_once_the_webhook_confirmed(
    client, home_page, make_payment, stripe_standin
):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)
    payment_confirm(session_id=payment.stripe_checkout_session_id)

    response = client.get(
        reverse("payments:success"), {"session_id": payment.stripe_checkout_session_id}
    )

    assert response.status_code == 200
    assert "Paid." in response.content.decode()
    assert 'http-equiv="refresh"' not in response.content.decode()


def test_the_success_page_confirms_nothing_itself(client, home_page, make_payment, stripe_standin):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)

    client.get(reverse("payments:success"), {"session_id": payment.stripe_checkout_session_id})

    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED


def test_the_success_page_for_an_unknown_session_is_not_found(client, home_page):
    response = client.get(reverse("payments:success"), {"session_id": "cs_test_nothing"})

    assert response.status_code == 404


def test_the_cancel_page_renders(client, home_page):
    response = client.get(reverse("payments:cancelled"))

    assert response.status_code == 200
    assert "You cancelled the payment" in response.content.decode()


def test_staff_see_payments_in_the_admin_filtered_by_status(client, make_payment, stripe_standin):
    paid = make_payment(description="Paid membership")
    make_payment(description="Open membership")
    stripe_standin.pay(paid.stripe_checkout_session_id)
    payment_confirm(session_id=paid.stripe_checkout_session_id)
    client.force_login(StaffUserFactory())

    everything = client.get("/admin/payments/")
    only_paid = client.get("/admin/payments/", {"status": "paid"})

    assert everything.status_code == 200
    assert "Paid membership" in everything.content.decode()
    assert "Open membership" in everything.content.decode()
    assert only_paid.status_code == 200
    assert "Paid membership" in only_paid.content.decode()
    assert "Open membership" not in only_paid.content.decode()
    assert client.get(f"/admin/payments/inspect/{paid.pk}/").status_code == 200


def test_nobody_can_add_edit_or_delete_a_payment_in_the_admin(client, make_payment):
    payment = make_payment()
    client.force_login(StaffUserFactory())  # a superuser

    listing = client.get("/admin/payments/").content.decode()

    assert "/admin/payments/new/" not in listing
    assert client.get("/admin/payments/new/").status_code in (302, 403)
    assert client.get(f"/admin/payments/edit/{payment.pk}/").status_code in (302, 403)
    response = client.post(f"/admin/payments/edit/{payment.pk}/", {"description": "Faked"})
    assert response.status_code in (302, 403)
    assert client.post(f"/admin/payments/delete/{payment.pk}/").status_code in (302, 403)
    payment.refresh_from_db()
    assert payment.description == "Individual membership, one year"


def test_members_cannot_see_payments_in_the_admin(client, make_payment):
    make_payment()
    client.force_login(UserFactory())

    response = client.get("/admin/payments/")

    assert response.status_code in (302, 403)
