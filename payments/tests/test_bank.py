"""Bank transfer against a pro-forma: started once, confirmed once through
payment_succeeded, refused for a wrong amount, expired after its due date; the statement
import matches by reference and never confirms what does not match; the admin screens ask
for their permission; a member sees only their own invoices."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from payments.bank import (
    BankPaymentError,
    bank_transfer_start,
    bank_transfers_expire,
    payment_mark_received,
    payment_proforma,
)
from payments.invoices import Buyer, InvoiceError
from payments.models import Invoice, Payment
from tests.factories import StaffUserFactory, UserFactory
from tests.harness import run_together

BUYER = Buyer(name="Tehnopark d.o.o.", pib="104052135", mb="07042701", email="pay@tp.example")


def _start(payable, **overrides):
    options = {
        "payable": payable,
        "amount": Decimal("14400"),
        "description": "Partner membership, one year",
        "buyer": BUYER,
        "language": "en",
        "currency": "RSD",
    }
    options.update(overrides)
    return bank_transfer_start(**options)


def _received(payment, amount=None, **overrides):
    options = {
        "payment": payment,
        "amount": payment.amount if amount is None else amount,
        "received_on": timezone.localdate(),
        "bank_reference": "IZV-7/1",
    }
    options.update(overrides)
    return payment_mark_received(**options)


def test_choosing_bank_transfer_issues_one_pro_forma_and_holds_the_payment(
    invoicing, payable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        payment = _start(payable)
    assert payment.method == Payment.Method.BANK_TRANSFER
    assert payment.status == Payment.Status.CREATED
    proforma = payment_proforma(payment)
    assert proforma.reference == payment.reference
    assert payment.due_on == proforma.due_on == timezone.localdate() + datetime.timedelta(8)
    assert len(callbacks) == 1  # the pro-forma mail, queued after commit
    # Choosing again while it waits gives the same pro-forma, not a second one.
    assert _start(payable) == payment
    assert Invoice.objects.count() == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"amount": Decimal("0")},
        {"amount": Decimal("-1")},
        {"buyer": Buyer(name="Firma", pib="123456789")},
        {"buyer": Buyer(name="Firma", mb="12345678")},
    ],
)
def test_a_bad_amount_or_buyer_writes_nothing(invoicing, payable, overrides):
    with pytest.raises(InvoiceError):
        _start(payable, **overrides)
    assert not Payment.objects.exists()
    assert not Invoice.objects.exists()


def test_marking_received_confirms_once_and_issues_the_invoice(invoicing, payable, signal_log):
    payment = _start(payable)
    payment, confirmed = _received(payment)
    assert confirmed and payment.status == Payment.Status.PAID
    assert signal_log.count("payment_succeeded", payment) == 1
    invoice = payment.invoices.get(kind=Invoice.Kind.INVOICE)
    assert invoice.total == payment.amount and invoice.buyer_pib == BUYER.pib
    payment, confirmed = _received(payment)
    assert not confirmed
    assert signal_log.count("payment_succeeded", payment) == 1
    assert payment.invoices.filter(kind=Invoice.Kind.INVOICE).count() == 1


def test_a_wrong_amount_is_refused_and_changes_nothing(invoicing, payable, signal_log):
    payment = _start(payable)
    with pytest.raises(BankPaymentError):
        _received(payment, amount=Decimal("14000"))
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED and payment.received_amount is None
    assert signal_log.count("payment_succeeded") == 0


def test_money_for_an_expired_pro_forma_needs_review(invoicing, payable, signal_log):
    payment = _start(payable)
    assert bank_transfers_expire(today=payment.due_on + datetime.timedelta(days=1)) == 1
    assert signal_log.count("payment_expired", payment) == 1
    assert bank_transfers_expire(today=payment.due_on + datetime.timedelta(days=2)) == 0
    payment.refresh_from_db()
    payment, confirmed = _received(payment)
    assert not confirmed and payment.status == Payment.Status.NEEDS_REVIEW
    assert signal_log.count("payment_succeeded") == 0


def test_nothing_expires_on_its_due_date(invoicing, payable):
    payment = _start(payable)
    assert bank_transfers_expire(today=payment.due_on) == 0


@pytest.mark.django_db(transaction=True)
def test_marking_twice_at_the_same_moment_confirms_once(invoicing, payable, signal_log):
    payment = _start(payable)
    results = run_together(lambda i: _received(payment), 6)
    assert sorted(confirmed for _, confirmed in results) == [False] * 5 + [True]
    assert signal_log.count("payment_succeeded", payment) == 1
    assert Invoice.objects.filter(kind=Invoice.Kind.INVOICE).count() == 1


def _staff_client(**kwargs):
    from django.contrib.auth.models import Permission

    user = StaffUserFactory(**kwargs)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="record_bank_payment"),
        Permission.objects.get(codename="view_invoice"),
    )
    client = Client()
    client.force_login(user)
    return client


def test_staff_mark_received_in_the_admin_and_a_wrong_amount_is_shown_not_recorded(
    invoicing, payable
):
    payment = _start(payable)
    client = _staff_client()
    url = f"/admin/bank-transfers/{payment.pk}/received/"
    today = timezone.localdate().isoformat()
    response = client.post(url, {"amount": "100", "received_on": today, "bank_reference": "X"})
    assert response.status_code == 200
    assert "nothing was recorded" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED
    response = client.post(url, {"amount": "14400.00", "received_on": today, "bank_reference": "X"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID


def test_the_bank_screens_refuse_staff_without_the_permission(invoicing, payable):
    payment = _start(payable)
    client = Client()
    from django.contrib.auth.models import Permission

    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    today = timezone.localdate().isoformat()
    for response in (
        client.get("/admin/bank-transfers/"),
        client.post(
            f"/admin/bank-transfers/{payment.pk}/received/",
            {"amount": "14400", "received_on": today, "bank_reference": "X"},
        ),
    ):
        assert response.status_code in (302, 403)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED


def test_statement_import_confirms_matches_and_lists_the_rest(invoicing, signal_log):
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    paid = _start(first)
    short = _start(second)
    untouched = _start(third)
    statement = (
        "date;amount;reference;payer;bank_reference\n"
        f"{timezone.localdate():%d.%m.%Y};14.400,00;97 {paid.reference[:2]}-{paid.reference[2:]};"
        "Tehnopark;S-1\n"
        f"{timezone.localdate():%d.%m.%Y};1000,00;{short.reference};Drugi;S-2\n"
        f'{timezone.localdate():%d.%m.%Y};14400,00;97999999;=HYPERLINK("x");S-3\n'
        "yesterday;abc;;;\n"
    )
    response = _staff_client().post(
        "/admin/bank-transfers/statement/",
        {"statement": SimpleUploadedFile("izvod.csv", statement.encode(), "text/csv")},
    )
    assert response.status_code == 200
    body = response.content.decode()
    for payment in (paid, short, untouched):
        payment.refresh_from_db()
    assert paid.status == Payment.Status.PAID and paid.bank_reference == "S-1"
    assert short.status == Payment.Status.CREATED
    assert untouched.status == Payment.Status.CREATED
    assert signal_log.count("payment_succeeded") == 1
    assert "No pro-forma has this reference" in body
    assert "Unreadable date or amount" in body
    assert "nothing was recorded" in body


def test_a_statement_without_the_columns_is_refused(invoicing):
    response = _staff_client().post(
        "/admin/bank-transfers/statement/",
        {"statement": SimpleUploadedFile("x.csv", b"when,how much\n1,2\n", "text/csv")},
        follow=True,
    )
    assert "The header row lacks" in response.content.decode()


def test_a_member_downloads_their_own_invoice_and_gets_404_for_anothers(invoicing, payable):
    owner, other = UserFactory(), UserFactory()
    payment = _start(payable, owner=owner)
    proforma = payment_proforma(payment)
    client = Client()
    client.force_login(other)
    assert client.get(f"/payments/invoices/{proforma.pk}/pdf/").status_code == 404
    client.force_login(owner)
    response = client.get(f"/payments/invoices/{proforma.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_staff_download_any_invoice_and_the_list_exports(invoicing, payable):
    proforma = payment_proforma(_start(payable))
    client = _staff_client()
    assert client.get(f"/admin/invoices/{proforma.pk}/pdf/").content.startswith(b"%PDF")
    response = client.get("/admin/invoices/?export=csv")
    assert response.status_code == 200
    assert proforma.number in b"".join(response.streaming_content).decode()


def test_the_admin_never_edits_or_deletes_an_invoice(invoicing, payable):
    proforma = payment_proforma(_start(payable))
    client = _staff_client(is_superuser=True)
    # Wagtail answers a refused permission by sending staff back to the dashboard.
    for response in (
        client.get(f"/admin/invoices/edit/{proforma.pk}/"),
        client.post(f"/admin/invoices/edit/{proforma.pk}/", {"buyer_name": "Changed"}),
        client.post(f"/admin/invoices/delete/{proforma.pk}/"),
    ):
        assert response.status_code in (302, 403, 404)
        assert response.get("Location", "/admin/") == "/admin/"
    assert Invoice.objects.filter(pk=proforma.pk, buyer_name=BUYER.name).exists()


def test_an_exported_buyer_name_cannot_run_as_a_formula(invoicing, payable):
    _start(payable, buyer=Buyer(name='=HYPERLINK("http://x.example","y")', email=""))
    response = _staff_client().get("/admin/invoices/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "=HYPERLINK" in body
    assert ",=HYPERLINK" not in body and '"=HYPERLINK' not in body


def test_staff_cancel_an_invoice_with_one_credit_note_and_the_invoice_stays(invoicing, payable):
    payment, _ = _received(_start(payable))
    invoice = payment.invoices.get(kind=Invoice.Kind.INVOICE)
    client = _staff_client()
    page = client.get(f"/admin/invoices/inspect/{invoice.pk}/").content.decode()
    assert "Cancel with a credit note" in page
    for _attempt in range(2):
        client.post(f"/admin/invoices/{invoice.pk}/credit-note/")
    [note] = Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE)
    assert note.corrects == invoice and note.total == -invoice.total
    assert Invoice.objects.get(pk=invoice.pk).total == invoice.total
    proforma = payment_proforma(payment)
    client.post(f"/admin/invoices/{proforma.pk}/credit-note/")
    assert Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count() == 1
