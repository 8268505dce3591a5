"""The pro-forma and invoice mails: built by the worker (``tasks.send_invoice_mail``), which
renders the PDF, in the buyer's language."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from association.public_url import base_url

from .invoices import invoice_pdf
from .models import Invoice


def invoice_mail(invoice: Invoice) -> EmailMultiAlternatives:
    with translation.override(invoice.language):
        context = {
            "invoice": invoice,
            "site_url": base_url(),
            "dashboard_url": base_url() + reverse("dashboard"),
        }
        template = "proforma" if invoice.kind == Invoice.Kind.PROFORMA else "invoice"
        subject = render_to_string(f"payments/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"payments/email/{template}.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=body, to=[invoice.buyer_email]
        )
        message.attach(invoice.filename, invoice_pdf(invoice), "application/pdf")
    return message
