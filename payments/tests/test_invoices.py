"""Issuing invoices: gap-free numbers under concurrency, bad buyers refused, rows that never
change, and the PDF with its QR code."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from payments.invoices import Buyer, InvoiceError, Line, invoice_issue, invoice_pdf
from payments.ips import reference_97_valid
from payments.models import Invoice, InvoiceChangeRefused, InvoiceCounter
from tests.harness import run_together

BUYER = Buyer(name="Tehnopark d.o.o.", address="Nova 2, Novi Sad", pib="104052135", mb="07042701")


def _issue(kind=Invoice.Kind.PROFORMA, **overrides):
    options = {
        "kind": kind,
        "buyer": BUYER,
        "lines": [Line(description="Membership 2026", unit_price=Decimal("12000"))],
        "language": "sr-latn",
    }
    options.update(overrides)
    return invoice_issue(**options)


def test_pro_forma_carries_number_due_date_reference_and_ips_text(invoicing):
    invoice = _issue(today=datetime.date(2026, 3, 2), language="en")
    assert invoice.number == "2026-000001"
    assert invoice.due_on == datetime.date(2026, 3, 10)
    assert reference_97_valid(invoice.reference)
    assert invoice.reference.endswith("12026000001")
    assert invoice.ips_payload == (
        "K:PR|V:01|C:1|R:160510000012345665"
        "|N:Udruženje klastera Srbije\nBulevar kralja Aleksandra 1\n11000 Beograd"
        f"|I:RSD12000,00|SF:221|S:Pro-forma 2026-000001|RO:97{invoice.reference}"
    )
    assert invoice.vat == 0 and invoice.total == Decimal("12000.00")
    assert invoice.vat_note.startswith("Not in the VAT system")


def test_series_are_separate_per_kind_and_start_again_each_year(invoicing):
    assert _issue(today=datetime.date(2026, 12, 31)).number == "2026-000001"
    assert _issue(today=datetime.date(2026, 12, 31)).number == "2026-000002"
    assert _issue(kind=Invoice.Kind.INVOICE, today=datetime.date(2026, 12, 31)).number == (
        "2026-000001"
    )
    assert _issue(today=datetime.date(2027, 1, 1)).number == "2027-000001"


def test_vat_is_the_rates_part_of_the_final_price(invoicing):
    invoicing.vat_rate = Decimal("20")
    invoicing.save()
    invoice = _issue(lines=[Line(description="Ticket", unit_price=Decimal("1200"), quantity=2)])
    assert (invoice.net, invoice.vat, invoice.total) == (
        Decimal("2000.00"),
        Decimal("400.00"),
        Decimal("2400.00"),
    )
    assert invoice.vat_note == ""


@pytest.mark.parametrize(
    "buyer",
    [
        Buyer(name="Firma", pib="104052136"),
        Buyer(name="Firma", pib="10405213"),
        Buyer(name="Firma", mb="07042702"),
        Buyer(name="Firma", mb="0704270"),
        Buyer(name="  "),
    ],
)
def test_an_invalid_buyer_is_refused_and_takes_no_number(invoicing, buyer):
    with pytest.raises(InvoiceError):
        _issue(buyer=buyer)
    assert not Invoice.objects.exists()
    assert _issue().number.endswith("000001")


@pytest.mark.parametrize("price", [Decimal("0"), Decimal("-100")])
def test_a_zero_or_negative_amount_is_refused(invoicing, price):
    with pytest.raises(InvoiceError):
        _issue(lines=[Line(description="Nothing", unit_price=price)])
    assert not Invoice.objects.exists()
    assert not InvoiceCounter.objects.filter(last__gt=0).exists()


def test_no_invoice_without_the_associations_details(db):
    from tests.factories import ensure_wagtail_base

    ensure_wagtail_base()
    with pytest.raises(InvoiceError):
        _issue()
    assert not Invoice.objects.exists()


def test_an_issued_invoice_is_never_changed_or_deleted(invoicing):
    invoice = _issue()
    invoice.buyer_name = "Someone else"
    with pytest.raises(InvoiceChangeRefused):
        invoice.save()
    with pytest.raises(InvoiceChangeRefused):
        invoice.delete()
    assert Invoice.objects.get(pk=invoice.pk).buyer_name == BUYER.name


def test_a_credit_note_names_the_invoice_it_corrects(invoicing):
    original = _issue(kind=Invoice.Kind.INVOICE)
    with pytest.raises(InvoiceError):
        _issue(kind=Invoice.Kind.CREDIT_NOTE)
    note = _issue(kind=Invoice.Kind.CREDIT_NOTE, corrects=original)
    assert note.total == -original.total
    assert note.corrects == original and note.number == f"{note.year}-000001"


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_issuers_get_twenty_consecutive_numbers(invoicing):
    results = run_together(lambda i: _issue().number, 20)
    assert all(isinstance(result, str) for result in results), results
    year = datetime.date.today().year
    assert sorted(results) == [f"{year}-{n:06d}" for n in range(1, 21)]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_issue_gives_its_number_back(invoicing):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _issue()
        raise RuntimeError("the caller's transaction fails after issuing")
    assert _issue().number.endswith("-000001")


@pytest.mark.parametrize("language", ["en", "sr-latn", "sr"])
def test_pdf_is_in_the_buyers_language_and_its_qr_decodes_to_the_payload(invoicing, language):
    pypdfium2 = pytest.importorskip("pypdfium2")
    zxingcpp = pytest.importorskip("zxingcpp")
    invoice = _issue(language=language)
    pdf = invoice_pdf(invoice)
    assert pdf.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(io.BytesIO(pdf))
    text = document[0].get_textpage().get_text_range()
    with translation.override(language):
        assert f"{Invoice.Kind.PROFORMA.label} {invoice.number}" in text
        assert str(_("Seller")) in text
    assert "Tehnopark d.o.o." in text and "104052135" in text
    image = document[0].render(scale=3).to_pil()
    assert [result.text for result in zxingcpp.read_barcodes(image)] == [invoice.ips_payload]


def test_pdf_prints_a_cyrillic_buyer(invoicing):
    pypdfium2 = pytest.importorskip("pypdfium2")
    invoice = _issue(buyer=Buyer(name="Технопарк д.о.о.", address="Нова 2"), language="sr")
    document = pypdfium2.PdfDocument(io.BytesIO(invoice_pdf(invoice)))
    assert "Технопарк д.о.о." in document[0].get_textpage().get_text_range()
