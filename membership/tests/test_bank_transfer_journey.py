"""Paying a membership by bank transfer, end to end on the real worker and SMTP server:
apply for a paid level, choose bank transfer, receive the pro-forma with its PDF and QR
code, staff record the money (twice at the same moment), the membership is active and the
invoice mailed, once."""

import io
from decimal import Decimal

import pypdfium2
import pytest
import zxingcpp
from django.test import Client
from django.utils import timezone

from association.tasks import ping
from membership import services
from membership.models import Membership
from membership.tests.test_journey import _site, _wait_for_subject
from payments.models import Invoice, Payment
from tests.factories import StaffUserFactory, verified_user
from tests.harness import run_together


def _pdf_attachment(message):
    [part] = [
        p for p in message.message.iter_attachments() if p.get_content_type() == ("application/pdf")
    ]
    return part.get_filename(), part.get_content()


@pytest.mark.django_db(transaction=True)
def test_bank_transfer_pro_forma_then_staff_record_it_twice_at_once_activates_once(
    client, celery_worker, mailbox, invoicing
):
    level = _site()
    level.yearly_price_rsd = Decimal("14400.00")
    level.save()
    member = verified_user(email="office@tehnopark.example")
    application = services.application_submit(
        applicant=member,
        level=level,
        motivation="Join",
        new_organisation={"name": "Tehnopark", "kind": "cluster"},
    )
    membership = services.application_approve(application=application, reviewer=None)
    client.force_login(member)

    # Bad buyer details: a clear error, nothing issued.
    response = client.post(
        f"/dashboard/memberships/{membership.pk}/pay/bank/",
        {"name": "Tehnopark d.o.o.", "address": "Nova 2", "pib": "104052136", "mb": ""},
    )
    assert response.status_code == 200
    assert not Invoice.objects.exists()

    response = client.post(
        f"/dashboard/memberships/{membership.pk}/pay/bank/",
        {"name": "Tehnopark d.o.o.", "address": "Nova 2", "pib": "104052135", "mb": "07042701"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    proforma = payment.invoices.get(kind=Invoice.Kind.PROFORMA)
    [mail] = _wait_for_subject(mailbox, f"Pro-forma invoice {proforma.number}")
    assert mail.rcpt_tos == ["office@tehnopark.example"]
    assert f"97 {proforma.reference_printed}" in mail.body_text()
    filename, pdf = _pdf_attachment(mail)
    assert filename == f"proforma-{proforma.number}.pdf"
    page = pypdfium2.PdfDocument(io.BytesIO(pdf))[0]
    decoded = [r.text for r in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]
    assert decoded == [proforma.ips_payload]
    assert "|I:RSD14400,00|" in proforma.ips_payload
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING_PAYMENT

    # Two staff members record the same transfer at the same moment.
    staff = StaffUserFactory()
    today = timezone.localdate().isoformat()

    def record(i):
        staff_client = Client()
        staff_client.force_login(staff)
        return staff_client.post(
            f"/admin/bank-transfers/{payment.pk}/received/",
            {"amount": "14400.00", "received_on": today, "bank_reference": f"IZV-{i}"},
        ).status_code

    assert run_together(record, 2) == [302, 302]
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    invoice = Invoice.objects.get(kind=Invoice.Kind.INVOICE)
    _wait_for_subject(mailbox, f"Invoice {invoice.number}")
    _wait_for_subject(mailbox, "Welcome: your membership is active")
    # The worker takes tasks in order: once this one ran, a duplicate would have been sent.
    ping.delay("drain").get(timeout=30)
    subjects = [m.subject for m in mailbox.messages]
    assert subjects.count(f"Invoice {invoice.number}") == 1
    assert subjects.count("Welcome: your membership is active") == 1

    # The member's dashboard lists both documents with their download links.
    body = client.get("/dashboard/").content.decode()
    assert proforma.number in body and invoice.number in body
    assert client.get(f"/payments/invoices/{invoice.pk}/pdf/").status_code == 200
